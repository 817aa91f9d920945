"""Drives a page in headless chromium over the DevTools protocol (--remote-debugging-pipe,
stdlib only): types into the catalogue's filter and clicks a column header like a customer,
then prints the rows as "key:shown|hidden" and the URL fragment after each step.

usage: cdp_page.py CHROMIUM PROFILE_DIR URL STEP… where STEP is `open:FRAGMENT` (load
URL#FRAGMENT afresh, as a shared link), `type:TEXT`, `clear` or `click:COLUMN`."""
import json
import os
import subprocess
import sys
import time

chromium, profile, url, steps = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
to_child, from_parent = os.pipe()  # chromium reads commands on fd 3
from_child, to_parent = os.pipe()  # and writes answers on fd 4


def child_fds():
    os.dup2(to_child, 3)
    os.dup2(to_parent, 4)


proc = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
     "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank"],
    preexec_fn=child_fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL)
os.close(to_child)
os.close(to_parent)
out, inp = os.fdopen(from_parent, "wb"), os.fdopen(from_child, "rb")
next_id, buffered = 0, b""


def call(method, session=None, **params):
    global next_id, buffered
    next_id += 1
    msg = {"id": next_id, "method": method, "params": params}
    if session:
        msg["sessionId"] = session
    out.write(json.dumps(msg).encode() + b"\0")
    out.flush()
    while True:  # answers are NUL-terminated JSON; events in between are skipped
        while b"\0" not in buffered:
            chunk = inp.read1(65536)
            if not chunk:
                sys.exit("chromium closed the pipe")
            buffered += chunk
        raw, buffered = buffered.split(b"\0", 1)
        answer = json.loads(raw)
        if answer.get("id") == next_id:
            if "error" in answer:
                sys.exit(f"{method}: {answer['error']}")
            return answer["result"]


def evaluate(session, expression):
    r = call("Runtime.evaluate", session, expression=expression, returnByValue=True)
    return r["result"].get("value")


try:
    target = call("Target.createTarget", url="about:blank")["targetId"]
    session = call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def load(address):
        # The blank document is marked, so the wait below sees the new one.
        # about:blank first: from the same page, a new fragment alone would not reload it.
        call("Page.navigate", session, url="about:blank")
        evaluate(session, "window.__old = true")
        call("Page.navigate", session, url=address)
        deadline = time.time() + 20
        while evaluate(session, "document.readyState + ':' + !window.__old + ':' + "
                       "!!document.querySelector('#filter')") != "complete:true:true":
            if time.time() > deadline:
                sys.exit("the page did not load: " + address)
            time.sleep(0.05)

    if not steps or not steps[0].startswith("open:"):
        load(url)
    rows = ("Array.from(document.querySelectorAll('#images tbody tr.img')).map(r => "
            "r.dataset.key.split('/')[1] + (r.hidden ? ':hidden' : ':shown')).join(' ')"
            " + ' ' + location.hash")
    for step in steps:
        if step.startswith("open:"):  # a fresh load of a shared link: url#FRAGMENT
            load(url + "#" + step[5:])
        elif step.startswith("type:"):
            evaluate(session, "document.getElementById('filter').focus()")
            call("Input.insertText", session, text=step[5:])
        elif step == "clear":
            evaluate(session, "var f=document.getElementById('filter');f.focus();f.select()")
            call("Input.dispatchKeyEvent", session, type="keyDown", key="Backspace",
                 code="Backspace", windowsVirtualKeyCode=8)
            call("Input.dispatchKeyEvent", session, type="keyUp", key="Backspace",
                 code="Backspace", windowsVirtualKeyCode=8)
        elif step.startswith("click:"):
            # A real mouse click at the header's button, where the customer would click.
            box = evaluate(session, "(() => {const r = document.querySelector("
                           f"'#images th[data-col=\"{step[6:]}\"] button').getBoundingClientRect();"
                           " return [r.x + r.width / 2, r.y + r.height / 2];})()")
            for kind in ("mousePressed", "mouseReleased"):
                call("Input.dispatchMouseEvent", session, type=kind, x=box[0], y=box[1],
                     button="left", clickCount=1)
        else:
            sys.exit("unknown step " + step)
        print(step, "->", evaluate(session, rows))
finally:
    proc.kill()
    proc.wait()
