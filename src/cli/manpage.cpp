#include "cli/manpage.h"

#include <cctype>
#include <sstream>
#include <string_view>

namespace glancer {
namespace {

// Text for roff: backslashes and hyphens escaped (a bare '-' may print as a Unicode hyphen, which
// breaks copy-pasted options), `code` in bold, and no line starting with a control character.
std::string roff(std::string_view text) {
  std::string out;
  bool code = false;
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else if (c == '`') {
      out += code ? "\\fR" : "\\fB";
      code = !code;
    } else
      out += c;
  }
  if (code) out += "\\fR";
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Every command has -h/--help; the page lists it once, under GLOBAL OPTIONS.
bool is_help(const CliArg& arg) {
  return arg.names.back() == "--help";
}

// The option's names in bold with its value in italics: "\fB\-f\fR, \fB\-\-format\fR
// \fIhuman|json\fR".
std::string option_label(const CliArg& opt) {
  std::string label;
  for (const auto& name : opt.names)
    label += (label.empty() ? "" : ", ") + ("\\fB" + roff(name) + "\\fR");
  if (!opt.value_name.empty()) label += " \\fI" + roff(opt.value_name) + "\\fR";
  return label;
}

std::string positional_label(const CliArg& pos) {
  return "\\fI" + roff(pos.value_name) + "\\fR" + (pos.repeatable ? "..." : "");
}

// One SYNOPSIS entry: .SY/.OP from groff's man extensions (also understood by mandoc).
void synopsis(std::ostream& out, const std::string& program, const CliCommand& command) {
  out << ".SY \"" << program << " " << command.name << "\"\n";
  for (const auto& opt : command.options) {
    if (is_help(opt)) continue;
    out << ".OP " << roff(opt.names.back());
    if (!opt.value_name.empty()) out << " " << roff(opt.value_name);
    out << "\n";
  }
  for (const auto& pos : command.positionals) {
    if (pos.required)
      out << ".I " << roff(pos.value_name) << "\n";
    else
      out << ".RI [ " << roff(pos.value_name) << (pos.repeatable ? " ...]" : " ]") << "\n";
  }
  out << ".YS\n";
}

void option_items(std::ostream& out, const std::vector<CliArg>& args, bool positional,
                  bool with_help) {
  for (const auto& arg : args) {
    if (!with_help && is_help(arg)) continue;
    out << ".TP\n"
        << (positional ? positional_label(arg) : option_label(arg)) << "\n"
        << roff(arg.description) << "\n";
    if (arg.kind == ValueKind::choice &&
        arg.description.find(arg.choices.front()) == std::string::npos)
      out << "One of: " << roff(arg.value_name) << ".\n";
  }
}

constexpr std::string_view k_description = R"(.SH DESCRIPTION
\fBglancer\fR is a declarative, Terraform\-style reconciler for OpenStack Glance images.
Image sets are described in YAML manifests;
\fBglancer plan\fR diffs them against the live image service,
\fBglancer apply\fR creates, uploads, updates, rotates and deletes images until the service
matches, and \fBglancer drift\fR reports what changed behind its back.
Every image glancer creates is labelled with its set and key (\fBglancer.set\fR, \fBglancer.key\fR)
and the digest of its source; images without these labels are never changed or deleted.
.PP
The target is chosen in this order:
\fB\-\-cloud\fR \fINAME\fR (a cloud of clouds.yaml; \fBenvvars\fR names the \fBOS_*\fR cloud),
\fB\-\-store\fR \fIDIR\fR (the embedded store),
\fBOS_CLOUD\fR, the \fBOS_*\fR variables, a clouds.yaml with exactly one cloud,
and otherwise the embedded store at \fI./.glancer/store\fR.
Every command names its target on its first line.
)";

constexpr std::string_view k_reference = R"(.SH EXIT STATUS
.TP
.B 0
Success: the manifests are valid, the plan was made, the changes were applied, or no drift was found.
.TP
.B 1
An error: invalid manifests, a service that cannot be reached or refuses a request,
a stale saved plan, a change that failed, or a cancelled apply.
.TP
.B 2
\fBplan \-\-detailed\-exitcode\fR: the plan has changes.
\fBdrift\fR: drift was found.
\fBupdate\fR: pins were changed (with \fB\-\-dry\-run\fR: would be).
.SH ENVIRONMENT
.TP
.B OS_CLOUD
The cloud of clouds.yaml to use when \fB\-\-cloud\fR and \fB\-\-store\fR are not given.
.TP
.BR OS_AUTH_URL ", " OS_USERNAME ", " OS_PASSWORD ", " OS_PROJECT_NAME ", \&..."
Without \fBOS_CLOUD\fR, the \fBOS_*\fR variables make the cloud \fBenvvars\fR,
as for the \fBopenstack\fR client.
.TP
.B NO_COLOR
When set and not empty, human output has no colour, as with \fB\-\-no\-color\fR.
.TP
.B OS_REGION_NAME
The region whose image endpoint is used.
.TP
.BR OS_CLIENT_CONFIG_FILE ", " OS_CLIENT_SECURE_FILE
Read this clouds.yaml or secure.yaml before the usual places.
.TP
.B GLANCER_LOG
\fBdebug\fR logs every HTTP request, with secrets redacted (as \fB\-\-debug\fR).
.TP
.B GLANCER_SERVE_TOKEN
The token \fBglancer serve\fR requires when \fB\-\-token\fR is not given.
.SH FILES
.TP
.I ./.glancer/store
The embedded store: SQLite metadata and image blob files.
.TP
.IR clouds.yaml ", " secure.yaml
Searched in \fI./\fR, \fI~/.config/openstack/\fR, \fI/etc/xdg/openstack/\fR and
\fI/etc/openstack/\fR (also as \fIclouds.yml\fR or \fIclouds.json\fR);
the first found wins, and secure.yaml is merged into the cloud of the same name.
.SH EXAMPLES
Check manifests, then show and apply the changes a merge request makes:
.PP
.RS
.nf
glancer validate images/
glancer plan images/ \-\-out plan.json \-\-detailed\-exitcode
glancer apply plan.json
.fi
.RE
.PP
Report drift of a cloud every night:
.PP
.RS
.nf
glancer \-\-cloud prod drift images/
.fi
.RE
.SH SEE ALSO
.BR openstack (1),
and the guides in \fI/usr/share/doc/glancer/\fR: manifest.md (the manifest format),
openstack.md (clouds and credentials), serve.md (\fBglancer serve\fR), ci.md (CI recipes).
)";

}  // namespace

std::string man_page(const CliModel& model, const std::string& version) {
  const std::string& p = model.program;
  std::string summary = model.description;
  if (summary.rfind(p + ": ", 0) == 0) summary = summary.substr(p.size() + 2);

  std::ostringstream out;
  out << ".\\\" Generated by `" << p << " man` from its command-line definition; do not edit.\n"
      << ".TH " << roff(upper(p)) << " 1 \"\" \"" << p << " " << roff(version)
      << "\" \"User Commands\"\n"
      << ".SH NAME\n"
      << p << " \\- " << roff(summary) << "\n"
      << ".SH SYNOPSIS\n"
      << ".SY " << p << "\n"
      << ".RI [ \"global options\" ]\n"
      << ".I command\n"
      << ".RI [ options ]\n"
      << ".RI [ arguments ]\n"
      << ".YS\n";
  for (const auto& command : model.commands) synopsis(out, p, command);
  out << k_description << ".SH GLOBAL OPTIONS\n"
      << "Accepted before or after the command.\n";
  option_items(out, model.global_options, false, true);
  out << ".SH COMMANDS\n";
  for (const auto& command : model.commands) {
    out << ".SS " << p << " " << command.name << "\n" << roff(command.description) << ".\n";
    option_items(out, command.positionals, true, false);
    option_items(out, command.options, false, false);
  }
  out << k_reference;
  return out.str();
}

}  // namespace glancer
