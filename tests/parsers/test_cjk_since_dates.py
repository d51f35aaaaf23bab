"""An open range written with "since" after its start, as Chinese, Japanese and Korean CVs write it:
"2016.09起", "2016年9月起", "2019年4月から", "2019.04부터" (a CJK character right after the date, no
word boundary), and "2016.09 至今"."""
from __future__ import annotations

import pytest

from htdy.parsers.extract.dates import find_range


@pytest.mark.parametrize(("text", "start"), [
    ("2016.09起", "2016-09"), ("2016年9月起", "2016-09"), ("2016.09 至今", "2016-09"), ("2016/09起", "2016-09"),
    ("自2016年9月起", "2016-09"), ("2016年起", "2016"), ("2019年4月から", "2019-04"), ("2019.04부터", "2019-04"),
    ("2016.09 起", "2016-09")])
def test_since_after_the_date_is_an_open_range(text, start):
    r = find_range(text)
    assert r is not None and (r.start, r.end, r.current) == (start, None, True)


def test_a_range_with_kara_keeps_its_end():
    r = find_range("2019年4月から2020年3月")
    assert r is not None and (r.start, r.end, r.current) == ("2019-04", "2020-03", False)
    r = find_range("2020年3月 卒業")
    assert r is not None and (r.start, r.end) == ("2020-03", "2020-03")
