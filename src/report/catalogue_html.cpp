// The html view of the catalogue: one file, no external resources, every value escaped.
#include <string>
#include <vector>

#include "report/catalogue_view.h"
#include "report/markdown.h"

namespace glancer {

namespace {

// The columns customers sort by; `key` is the name the URL fragment uses (#sort=KEY:desc).
struct Column {
  const char* key;
  const char* label;
  bool numeric;
};

const std::vector<Column>& columns() {
  static const std::vector<Column> c = {
      {"name", "Name", false},
      {"os_distro", "Distribution", false},
      {"os_version", "Version", false},
      {"architecture", "Architecture", false},
      {"login_user", "Login user", false},
      {"build_date", "Build date", false},
      {"provided_until", "Provided until", false},
      {"min_disk", "Min disk (GiB)", true},
      {"min_ram", "Min RAM (MiB)", true},
      {"id", "ID", false},
  };
  return c;
}

std::vector<std::string> values(const CatalogueImage& i) {
  return {i.name,
          i.os_distro,
          i.os_version,
          i.architecture,
          i.login_user,
          i.build_date,
          i.provided_until,
          std::to_string(i.min_disk),
          std::to_string(i.min_ram),
          i.id};
}

const char* k_style = R"(
body{font-family:system-ui,sans-serif;margin:1rem;color:#222;background:#fff}
h1{font-size:1.4rem}
input#filter{width:100%;max-width:30rem;padding:.5rem;font-size:1rem;box-sizing:border-box}
table{border-collapse:collapse;width:100%;margin-top:1rem}
th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:bold;text-align:left;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \25B2"}
th[aria-sort=descending] button::after{content:" \25BC"}
td.id,td.prev{font-family:monospace;font-size:.85rem;word-break:break-all}
.desc{color:#555;font-size:.9rem}
details table{margin:.3rem 0;font-size:.85rem}
tr.img[hidden]{display:none}
@media (max-width:700px){
 thead{display:none}
 table,tbody,tr,td{display:block;width:100%;box-sizing:border-box}
 tr.img{border:1px solid #ccc;border-radius:6px;margin-bottom:.8rem;padding:.3rem}
 td{border:0;padding:.2rem .4rem}
 td[data-label]::before{content:attr(data-label) ": ";font-weight:bold}
}
)";

// Filters rows by the text typed (all of each row's text, previous versions too), sorts by the
// column clicked, and keeps both in the URL fragment so a view can be shared.
const char* k_script = R"(
(function(){
var body=document.querySelector('#images tbody');
var input=document.getElementById('filter');
var state={q:'',sort:'',dir:'asc'};
function read(){
 var h=location.hash.replace(/^#/,'');
 h.split('&').forEach(function(p){
  var i=p.indexOf('=');if(i<0)return;
  var k=p.slice(0,i),v=decodeURIComponent(p.slice(i+1).replace(/\+/g,' '));
  if(k==='q')state.q=v;
  if(k==='sort'){var s=v.split(':');state.sort=s[0];state.dir=s[1]==='desc'?'desc':'asc';}
 });
}
function write(){
 var p=[];
 if(state.q)p.push('q='+encodeURIComponent(state.q));
 if(state.sort)p.push('sort='+state.sort+':'+state.dir);
 try{history.replaceState(null,'',p.length?'#'+p.join('&'):location.pathname+location.search);}catch(e){}
}
function rows(){return Array.prototype.slice.call(body.querySelectorAll('tr.img'));}
function filter(){
 var q=state.q.toLowerCase().trim(),shown=0;
 rows().forEach(function(r){
  var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;
  r.hidden=!hit;if(hit)shown++;
 });
 document.getElementById('count').textContent=shown+' of '+rows().length+' images';
}
function sort(){
 document.querySelectorAll('#images th').forEach(function(th){
  th.setAttribute('aria-sort',th.dataset.col===state.sort?(state.dir==='asc'?'ascending':'descending'):'none');
 });
 var th=document.querySelector('#images th[data-col="'+state.sort+'"]');
 if(!th)return;
 var num=th.dataset.numeric==='1',sign=state.dir==='desc'?-1:1;
 rows().map(function(r,i){
  var v=r.querySelector('td[data-col="'+state.sort+'"]').dataset.v;
  return {r:r,v:num?parseFloat(v):v.toLowerCase(),i:i};
 }).sort(function(a,b){
  if(a.v<b.v)return -sign;if(a.v>b.v)return sign;return a.i-b.i;
 }).forEach(function(x){body.appendChild(x.r);});
}
document.querySelectorAll('#images th button').forEach(function(b){
 b.addEventListener('click',function(){
  var col=b.parentNode.dataset.col;
  state.dir=state.sort===col&&state.dir==='asc'?'desc':'asc';state.sort=col;
  sort();write();
 });
});
input.addEventListener('input',function(){state.q=input.value;filter();write();});
read();input.value=state.q;filter();sort();
})();
)";

std::string previous_versions(const CatalogueImage& i) {
  if (i.previous.empty()) return "";
  std::string out = "<details><summary>" + std::to_string(i.previous.size()) + " previous version" +
                    (i.previous.size() == 1 ? "" : "s") +
                    "</summary><table><tr><th>Name</th><th>ID</th><th>Build date</th>"
                    "<th>Hidden</th></tr>";
  for (const CatalogueVersion& v : i.previous)
    out += "<tr class=\"prev\"><td>" + html_text(v.name) + "</td><td class=\"prev\">" +
           html_text(v.id) + "</td><td>" + html_text(v.build_date) + "</td><td>" +
           (v.hidden ? "yes" : "no") + "</td></tr>";
  return out + "</table></details>";
}

std::string row(const CatalogueImage& i) {
  const auto v = values(i);
  std::string out = "<tr class=\"img\" data-key=\"" + html_text(i.set + "/" + i.key) + "\">";
  for (size_t c = 0; c < columns().size(); ++c) {
    const Column& col = columns()[c];
    const std::string key = col.key;
    out += "<td data-col=\"" + key + "\" data-label=\"" + col.label + "\" data-v=\"" +
           html_text(v[c]) + "\"" + (key == "id" ? " class=\"id\"" : "") + ">";
    if (key == "name") {
      out += "<b>" + html_text(v[c]) + "</b>";
      if (!i.description.empty())
        out += "<div class=\"desc\">" + html_text(i.description) + "</div>";
      out += previous_versions(i);
    } else {
      out += v[c].empty() ? "–" : html_text(v[c]);
    }
    out += "</td>";
  }
  return out + "</tr>\n";
}

}  // namespace

std::string render_catalogue_html(const Catalogue& c) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Image catalogue</title>\n<style>";
  out += k_style;
  out += "</style>\n</head>\n<body>\n<h1>Image catalogue</h1>\n<p>Generated " +
         html_text(c.generated_at) + ".</p>\n";
  out +=
      "<label for=\"filter\">Filter</label><br>\n<input id=\"filter\" type=\"search\" "
      "placeholder=\"ubuntu, aarch64, 2026-…\" autocomplete=\"off\">\n"
      "<p id=\"count\" aria-live=\"polite\">" +
      std::to_string(c.images.size()) + " images</p>\n";
  out += "<table id=\"images\">\n<thead><tr>";
  for (const Column& col : columns())
    out += std::string("<th data-col=\"") + col.key + "\" data-numeric=\"" +
           (col.numeric ? "1" : "0") + "\" aria-sort=\"none\"><button type=\"button\">" +
           col.label + "</button></th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const CatalogueImage& i : c.images) out += row(i);
  out += "</tbody>\n</table>\n<script>";
  out += k_script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace glancer
