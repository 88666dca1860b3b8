"""What the command line prints is cleaned of terminal controls exactly as the pattern says, for every character."""

from __future__ import annotations

import re
import sys

from zzdesk.cli.output import UNSAFE, clean


def test_every_code_point_is_cleaned_as_the_pattern_says() -> None:
    pattern = re.compile(UNSAFE)
    differ = [code for code in range(sys.maxunicode + 1)
              if clean(f"表{chr(code)}\n") != pattern.sub("?", f"表{chr(code)}\n")]
    assert differ == []


def test_controls_become_question_marks_and_text_stays() -> None:
    assert clean("郑州\x1b[2J 科技城\u202e\n\t下一行\ud800") == "郑州?[2J 科技城?\n\t下一行?"
    assert clean("中原科技城\u3000（15位）\n") == "中原科技城\u3000（15位）\n"
