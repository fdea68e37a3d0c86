"""The HTML reporter: one self-contained page a copy editor reads like a marked-up proof.

Stories with findings are listed with their findings (server-side, escaped); each story's text is
shipped as JSON data and drawn by the page's own script only when its section is opened, so a
report of thousands of stories stays small and opens fast. Everything from a story, a path or a
message reaches the page either HTML-escaped or through `textContent`, never as markup, and a
Content-Security-Policy with the hashes of the page's one script and one style forbids any other
script, style or network request.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone

from copylint import __version__
from copylint.finding import SEVERITIES, Finding

OPEN_BY_DEFAULT = 10  # a report of this many stories with findings or fewer shows them all opened
_COLOURS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}


def render(findings: Sequence[Finding], paths: Sequence[str], sources: dict[str, str],
           rules: Sequence[str], fail_on: str, now: datetime | None = None) -> str:
    """The report of one run: `paths` are every story checked, `sources` their text."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    flagged = [p for p in paths if p in by_path] + sorted(set(by_path) - set(paths))
    clean = [p for p in paths if p not in by_path]
    data = {"stories": [{"path": p, "text": sources.get(p, ""),
                         "findings": [[f.line, f.column, f.end_line, f.end_column, f.rule, f.severity, f.message]
                                      for f in by_path[p]]} for p in flagged]}
    when = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join([
        _header(len(paths), len(flagged), rules, fail_on, when),
        _summary(findings),
        _controls(findings),
        '<main id="stories">',
        *(_story(k, p, by_path[p], len(flagged) <= OPEN_BY_DEFAULT) for k, p in enumerate(flagged)),
        _clean(clean),
        "</main>",
    ])
    csp = (f"default-src 'none'; script-src '{_hash(_SCRIPT)}'; style-src '{_hash(_STYLE)}'; "
           "img-src 'none'; connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>copylint report: {len(findings)} finding{'s' if len(findings) != 1 else ''}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        f'<script type="application/json" id="copylint-data">{_json_for_html(data)}</script>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


def _json_for_html(data: object) -> str:
    """JSON that cannot end its <script> element or be read as markup: <, >, & and the line
    separators U+2028/U+2029 are written as escapes (JSON.parse reads them back unchanged)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, escaped)
    return text


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _header(files: int, flagged: int, rules: Sequence[str], fail_on: str, when: str) -> str:
    return (
        '<header>\n<h1>copylint report</h1>\n<dl class="meta">'
        f"<dt>Files checked</dt><dd id=\"files-checked\">{files}</dd>"
        f"<dt>Files with findings</dt><dd id=\"files-flagged\">{flagged}</dd>"
        f"<dt>Fail on</dt><dd>{_e(fail_on)}</dd>"
        f"<dt>Rules</dt><dd>{_e(', '.join(rules))}</dd>"
        f"<dt>copylint</dt><dd>{_e(__version__)}</dd>"
        f"<dt>Run</dt><dd>{_e(when)}</dd></dl>\n</header>"
    )


def _summary(findings: Sequence[Finding]) -> str:
    by_rule = Counter((f.rule, f.severity) for f in findings)
    rows = "".join(f"<tr><td>{_e(rule)}</td><td class=\"sev-{_e(sev)}\">{_e(sev)}</td><td>{n}</td></tr>"
                   for (rule, sev), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
    return ('<section id="summary" aria-label="Summary">\n<h2>Findings by rule</h2>\n'
            f"{_chart(by_rule)}\n<table><thead><tr><th>Rule</th><th>Severity</th><th>Findings</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>\n</section>")


def _chart(counts: Counter) -> str:
    """A horizontal bar per rule and severity, drawn with SVG attributes only (no inline styles,
    which the page's Content-Security-Policy forbids)."""
    if not counts:
        return "<p>No problems found.</p>"
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = max(n for _, n in items)
    bar_h, label_w, width = 22, 230, 640
    parts = [f'<svg class="chart" role="img" aria-label="Findings by rule" width="{width}" height="{bar_h * len(items) + 4}" '
             f'viewBox="0 0 {width} {bar_h * len(items) + 4}">']
    for k, ((rule, sev), n) in enumerate(items):
        y = k * bar_h + 2
        w = max(2, round((width - label_w - 60) * n / top))
        parts.append(f'<text x="0" y="{y + 15}" font-size="13" fill="#222">{_e(rule)} ({_e(sev)})</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{bar_h - 8}" fill="{_COLOURS.get(sev, "#555")}"/>'
                     f'<text x="{label_w + w + 6}" y="{y + 15}" font-size="13" fill="#222">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _controls(findings: Sequence[Finding]) -> str:
    rules = sorted({f.rule for f in findings})
    severities = [s for s in reversed(SEVERITIES) if any(f.severity == s for f in findings)]
    boxes = "".join(f'<label><input type="checkbox" class="filter-rule" value="{_e(r)}" checked> {_e(r)}</label>' for r in rules)
    sev = "".join(f'<label><input type="checkbox" class="filter-severity" value="{_e(s)}" checked> {_e(s)}</label>'
                  for s in severities)
    return ('<section id="controls" aria-label="Filters">\n'
            f'<fieldset><legend>Rules</legend>{boxes}</fieldset>\n'
            f'<fieldset><legend>Severity</legend>{sev}</fieldset>\n'
            '<label for="search">File name contains</label> <input type="search" id="search" autocomplete="off">\n'
            '</section>')


def _story(k: int, path: str, findings: list[Finding], opened: bool) -> str:
    items = "".join(
        f'<li class="finding sev-{_e(f.severity)}" data-rule="{_e(f.rule)}" data-severity="{_e(f.severity)}">'
        f'<a href="#s{k}-f{i}" class="jump" data-story="{k}" data-finding="{i}">'
        f'<span class="pos">{f.line}:{f.column}</span> <span class="rule">{_e(f.rule)}</span> '
        f'<span class="sev">[{_e(f.severity)}]</span> <span class="msg">{_e(f.message)}</span></a></li>'
        for i, f in enumerate(findings))
    counts = Counter(f.severity for f in findings)
    tally = ", ".join(f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts[s])
    return (f'<details class="story" id="s{k}" data-story="{k}" data-path="{_e(path)}"{" open" if opened else ""}>'
            f'<summary><span class="path">{_e(path)}</span> <span class="tally">{len(findings)} finding'
            f'{"s" if len(findings) != 1 else ""} ({tally})</span></summary>\n'
            f'<ol class="findings">{items}</ol>\n<div class="source" data-story="{k}"></div>\n</details>')


def _clean(paths: list[str]) -> str:
    if not paths:
        return ""
    items = "".join(f'<li class="clean-story" data-path="{_e(p)}">{_e(p)}</li>' for p in paths)
    return (f'<details id="clean"><summary>{len(paths)} stor{"y" if len(paths) == 1 else "ies"} without findings'
            f'</summary><ul>{items}</ul></details>')


_STYLE = """
:root{--error:#c62828;--warning:#b26a00;--info:#1565c0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fff}
body{margin:0 auto;max-width:1100px;padding:1rem 1.5rem 4rem;line-height:1.45}
h1{margin:.2rem 0 .6rem;font-size:1.6rem}h2{font-size:1.15rem;margin:1.2rem 0 .4rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #ddd;padding:.2rem .8rem;text-align:left}
.sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:var(--info)}
#controls{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.5rem 0;z-index:2}
fieldset{display:inline-block;border:1px solid #ccc;margin:0 .5rem .3rem 0;padding:.2rem .6rem}fieldset label{margin-right:.8rem;white-space:nowrap}
details.story{border:1px solid #ddd;border-radius:6px;margin:.6rem 0;padding:.3rem .8rem}
details.story>summary{cursor:pointer;font-weight:600}.tally{font-weight:400;color:#555}
ol.findings{margin:.4rem 0;padding-left:1.5rem}ol.findings a{color:inherit;text-decoration:none}
ol.findings a:hover,ol.findings a:focus{text-decoration:underline}.pos{font-variant-numeric:tabular-nums}.rule{font-weight:600}
.source{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.85rem;border-top:1px solid #eee;margin-top:.4rem}
.line{display:grid;grid-template-columns:4rem 1fr}.ln{color:#888;text-align:right;padding-right:.8rem;user-select:none}
.txt{white-space:pre-wrap;word-break:break-word}
mark{background:#fff3c4;border-bottom:2px solid var(--warning);color:inherit;border-radius:2px}
mark.sev-error{background:#fde0dc;border-bottom-color:var(--error)}mark.sev-info{background:#e3f0fd;border-bottom-color:var(--info)}
mark.current{outline:3px solid #222;outline-offset:1px}.line.current{background:#f2f2f2}
.hidden{display:none!important}mark.hidden-mark{background:none;border-bottom-color:transparent}
@media print{#controls{display:none}details.story{break-inside:avoid-page;border:none}mark{border-bottom-width:2px}a{color:inherit}}
"""

_SCRIPT = r"""
(function(){
"use strict";
var data=JSON.parse(document.getElementById("copylint-data").textContent);
var drawn={};
function el(tag,cls,text){var e=document.createElement(tag);if(cls){e.className=cls;}if(text!==undefined){e.textContent=text;}return e;}
function spans(story){
  // Each finding's span on each line it covers, as code-point columns [start,end).
  var lines=Array.from(story.text.replace(/\r\n?/g,"\n").split("\n"),function(l){return Array.from(l);});
  if(lines.length&&lines[0].length&&lines[0][0]==="\ufeff"){lines[0].shift();}
  var byLine={};
  story.findings.forEach(function(f,i){
    var l1=f[0],c1=f[1],l2=f[2],c2=f[3];
    for(var l=l1;l<=l2&&l<=lines.length;l++){
      var s=(l===l1?c1:1)-1,e=(l===l2?c2:lines[l-1].length+1)-1;
      if(l===l2&&l2>l1&&c2===1){break;}
      e=Math.min(Math.max(e,s+1),lines[l-1].length);s=Math.min(s,e);
      (byLine[l]=byLine[l]||[]).push({s:s,e:e,i:i,line:l,sev:f[5],rule:f[4],msg:f[6]});
    }
  });
  return {lines:lines,byLine:byLine};
}
function drawLine(txt,chars,marks,k,used){
  // Nested marks, sorted by start and longer first; a span that overlaps its parent is clipped.
  marks.sort(function(a,b){return a.s-b.s||b.e-a.e;});
  var stack=[{node:txt,e:chars.length}],pos=0;
  function flushTo(upto){
    while(pos<upto){
      var top=stack[stack.length-1],stop=Math.min(upto,top.e);
      if(stop>pos){top.node.appendChild(document.createTextNode(chars.slice(pos,stop).join("")));pos=stop;}
      if(pos>=top.e&&stack.length>1){stack.pop();}
    }
    while(stack.length>1&&stack[stack.length-1].e<=pos){stack.pop();}
  }
  marks.forEach(function(m){
    flushTo(m.s);
    var parent=stack[stack.length-1],mk=el("mark","sev-"+m.sev),id="s"+k+"-f"+m.i;
    mk.id=used[id]?id+"-l"+m.line:id;used[id]=true;
    mk.dataset.finding=m.i;mk.dataset.rule=m.rule;mk.dataset.severity=m.sev;mk.tabIndex=0;
    mk.title=m.rule+" ["+m.sev+"] "+m.msg;mk.setAttribute("aria-label",m.rule+": "+m.msg);
    parent.node.appendChild(mk);stack.push({node:mk,e:Math.min(m.e,parent.e)});
  });
  flushTo(chars.length);
}
function draw(k){
  if(drawn[k]){return;}drawn[k]=true;
  var story=data.stories[k],box=document.querySelector('.source[data-story="'+k+'"]');
  var sp=spans(story),frag=document.createDocumentFragment(),used={};
  sp.lines.forEach(function(chars,n){
    var row=el("div","line");row.id="s"+k+"-l"+(n+1);
    row.appendChild(el("span","ln",String(n+1)));
    var txt=el("span","txt");
    drawLine(txt,chars,sp.byLine[n+1]||[],k,used);
    row.appendChild(txt);frag.appendChild(row);
  });
  box.appendChild(frag);applyFilters();
}
function jump(k,i){
  var d=document.getElementById("s"+k);d.open=true;draw(k);
  var f=data.stories[k].findings[i];
  document.querySelectorAll(".current").forEach(function(e){e.classList.remove("current");});
  var row=document.getElementById("s"+k+"-l"+f[0]),mk=document.getElementById("s"+k+"-f"+i);
  if(row){row.classList.add("current");}
  var target=mk||row;if(target){target.classList.add("current");target.scrollIntoView({block:"center"});if(mk){mk.focus({preventScroll:true});}}
}
function checked(cls){var s={};document.querySelectorAll("input."+cls).forEach(function(b){if(b.checked){s[b.value]=true;}});return s;}
function applyFilters(){
  var rules=checked("filter-rule"),sevs=checked("filter-severity");
  var q=(document.getElementById("search").value||"").toLowerCase();
  document.querySelectorAll("details.story").forEach(function(d){
    var shown=0;
    d.querySelectorAll("li.finding").forEach(function(li){var ok=rules[li.dataset.rule]&&sevs[li.dataset.severity];li.classList.toggle("hidden",!ok);if(ok){shown++;}});
    d.querySelectorAll("mark").forEach(function(m){m.classList.toggle("hidden-mark",!(rules[m.dataset.rule]&&sevs[m.dataset.severity]));});
    var match=d.dataset.path.toLowerCase().indexOf(q)!==-1;
    d.classList.toggle("hidden",!(shown&&match));
  });
  document.querySelectorAll("li.clean-story").forEach(function(li){li.classList.toggle("hidden",li.dataset.path.toLowerCase().indexOf(q)===-1);});
}
document.querySelectorAll("details.story").forEach(function(d){
  if(d.open){draw(+d.dataset.story);}
  d.addEventListener("toggle",function(){if(d.open){draw(+d.dataset.story);}});
});
document.querySelectorAll("a.jump").forEach(function(a){a.addEventListener("click",function(ev){ev.preventDefault();jump(+a.dataset.story,+a.dataset.finding);});});
document.querySelectorAll("input.filter-rule,input.filter-severity").forEach(function(b){b.addEventListener("change",applyFilters);});
document.getElementById("search").addEventListener("input",applyFilters);
window.addEventListener("beforeprint",function(){document.querySelectorAll("details.story").forEach(function(d){if(!d.classList.contains("hidden")){d.open=true;draw(+d.dataset.story);}});});
document.documentElement.dataset.ready="1";
})();
"""
