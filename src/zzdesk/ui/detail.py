"""Rich-text descriptions of one figure or entity, with every source sentence shown."""

from __future__ import annotations

from html import escape

from zzdesk.core.indicators import describe
from zzdesk.core.records import EntityRecord, FigureRecord
from zzdesk.ui.data import AppData
from zzdesk.ui.html import find_spans, marked
from zzdesk.ui.style import MUTED

_HEAD = "<html><body style='line-height:150%'>"


def figure_html(data: AppData, figure: FigureRecord) -> str:
    at = figure.quote.find(figure.written)
    spans = [(at, at + len(figure.written))] if at >= 0 else []
    report = data.report_by_id[figure.report_id]
    rows = [
        ("报告", f"《{report.title}》（{report.region}，{report.year}年）"),
        ("数值", describe(figure)), ("年份", f"{figure.period}年"), ("类型", figure.kind_label),
        ("单位", figure.unit), ("限定词", figure.qualifier or "无"), ("口径", "累计" if figure.cumulative else "当期"),
        ("主题", figure.theme),
    ]
    table = "".join(f"<tr><td style='color:{MUTED};padding-right:12px'>{escape(k)}</td>"
                    f"<td>{escape(v)}</td></tr>" for k, v in rows)
    return (f"{_HEAD}<h3>{escape(figure.indicator)}</h3><table>{table}</table>"
            f"<p><b>原文</b></p><p>“{marked(figure.quote, spans)}”</p>"
            f"<p style='color:{MUTED}'>来源：{escape(data.source_of(figure.passage_id))}</p>"
            f"<p><a href='passage:{figure.passage_id}'>在报告中查看这段原文 →</a></p></body></html>")


def entity_html(data: AppData, entity: EntityRecord) -> str:
    names = [entity.name, *entity.aliases]
    parts = [f"{_HEAD}<h3>{escape(entity.name)}</h3>",
             f"<p>{escape(entity.type_label)}"
             f"{' · 主题：' + escape('、'.join(entity.themes)) if entity.themes else ''}</p>"]
    if entity.aliases:
        parts.append(f"<p style='color:{MUTED}'>又称：{escape('、'.join(entity.aliases))}</p>")
    parts.append(f"<p><b>报告中的提及（{len(entity.mentions)} 处）</b></p>")
    for mention in entity.mentions:
        parts.append(f"<p>“{marked(mention.quote, find_spans(mention.quote, names))}”<br>"
                     f"<span style='color:{MUTED}'>{escape(data.source_of(mention.passage_id))}</span> "
                     f"<a href='passage:{mention.passage_id}'>查看原文 →</a></p>")
    parts.append("</body></html>")
    return "".join(parts)
