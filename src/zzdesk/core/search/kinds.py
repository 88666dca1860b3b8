"""The kinds of things search finds, in display and static-rank order, with their Chinese labels."""

# Display and static-rank order of result groups.
TYPE_ORDER = ("theme", "project", "enterprise", "institution", "platform", "cluster", "place",
              "initiative", "figure", "passage")
TYPE_LABELS = {
    "theme": "主题", "project": "项目", "enterprise": "企业", "institution": "机构", "platform": "平台",
    "cluster": "产业集群", "place": "地点", "initiative": "举措", "figure": "指标", "passage": "段落",
}
