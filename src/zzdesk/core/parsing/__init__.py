"""Report texts (next year's report, a district's) turned into sourced data.

decode -> structure (title, year, region, themes, review/plan passages) ->
figures and entities per sentence.  Everything found keeps its sentence, so a
person can review it beside the text before anything is stored.
"""
