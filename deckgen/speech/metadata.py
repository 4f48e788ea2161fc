"""The lines under a speech's title: meeting, date, speaker, and the organisation.

A speech as filed carries its particulars between the title and the salutation::

    政府工作报告
    ——2025年1月14日在临江市第十七届人民代表大会第四次会议上
    临江市人民政府市长 周明远
    各位代表：

    在全市2025年党建工作会议上的讲话
    市委副书记 XXX
    （2025年2月18日）
    同志们：

These lines are metadata, never content: they go to the title slide (subtitle,
presenter, date) and the footer (organisation). What the text does not say stays a
visible ``X`` placeholder that ``deckgen check`` reports, so nobody presents a blank.
"""

from __future__ import annotations

import re

from deckgen.records import record
from deckgen.speech import markers

PLACEHOLDER_ORG = "X"
PLACEHOLDER_PRESENTER = "X"
PLACEHOLDER_DATE = "X年X月"

_DATE_RE = re.compile(r"(?P<y>\d{4})\s*年\s*(?:(?P<m>\d{1,2}|X)\s*月(?:\s*(?:\d{1,2}|X)\s*日)?)?")
_MEETING_RE = re.compile(r"在(?P<meeting>[^。！？；]{2,50}?(?:会议|大会|会|座谈会|论坛|典礼|仪式))上(?:的(?:讲话|发言|致辞|报告|工作报告))?")
# 市长 周明远 / 市委副书记 XXX / 县委常委、常务副县长 XXX / XXX同志
_OFFICE = (
    r"(?:总理|副总理|秘书长|检察长|书记|副书记|市长|副市长|县长|副县长|区长|副区长|省长|副省长|主任|副主任"
    r"|局长|副局长|厅长|副厅长|部长|副部长|主席|副主席|常委|委员|总经理|董事长|校长|院长|处长|科长)"
)
_SPEAKER_RE = re.compile(rf"^(?P<org>[^，。！？；]{{0,30}}?)(?P<office>[^，。！？；\s]{{0,12}}{_OFFICE})\s*(?P<name>X{{2,3}}|[\u4e00-\u9fff]{{2,4}})(?:同志)?$")
_COMRADE_RE = re.compile(r"^(?P<name>X{2,3}|[\u4e00-\u9fff]{2,4})同志$")
# A byline that is the name alone (习近平), under the title and date.
_NAME_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})$")
# 现在，我代表国务院，向大会报告政府工作 / 我代表第十九届中央委员会向大会作报告
_ON_BEHALF_RE = re.compile(r"我代表(?P<org>[^，。！？；、]{2,24}?)[，,]?向(?:大会|全会|会议)(?:作|做)?(?P<report>报告(?:政府)?工作|作?政府工作报告|报告)")
_ORG_SUFFIX_RE = re.compile(
    r"^(?P<org>国务院|.{2,30}?(?:人民政府|委员会|管理局|管理委员会|局|办公室|公司|集团|中心|学校|大学|医院|协会))"
)
_PLACE_HEAD_RE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,8}?[省市县区州])(?:省长|市长|县长|区长|州长)$")
_SUMMARY_TITLE_RE = re.compile(r"^(?P<org>.{2,30}?)(?P<year>\d{4})年(?:度)?(?:工作总结|工作报告|述职报告|总结)")


@record
class Metadata:
    """What the title block says; '' where it says nothing."""

    subtitle: str = ""
    organisation: str = ""
    presenter: str = ""
    date: str = ""

    def fill_placeholders(self) -> None:
        """Put a visible X where the text said nothing, for check to report."""
        self.organisation = self.organisation or PLACEHOLDER_ORG
        self.presenter = self.presenter or PLACEHOLDER_PRESENTER
        self.date = self.date or PLACEHOLDER_DATE


def is_metadata_line(line: str) -> bool:
    """True for a short line under the title that gives the meeting, date or speaker."""
    if len(line) > 60 or any(ch in line for ch in "。！？!?；;") or markers.is_salutation(line):
        return False
    stripped = line.strip("（）() ")
    return bool(
        re.fullmatch(r"[——\-\s]*" + _DATE_RE.pattern + r"[^，,]{0,40}?", stripped)
        or _MEETING_RE.search(line) and (line.startswith(("——", "—", "（", "(")) or len(line) <= 50)
        or _SPEAKER_RE.match(stripped.replace(" ", "").replace("\u3000", ""))
        or _SPEAKER_RE.match(stripped)
        or _COMRADE_RE.match(stripped)
        or _NAME_RE.match(stripped) and not markers.is_salutation(stripped)
    )


def on_behalf_of(paragraph: str) -> tuple[str, bool]:
    """Who a report speaks for (我代表国务院…) and whether it reports the government's work.

    ``("国务院", True)`` for 我代表国务院，向大会报告政府工作; ``("", False)`` when the
    paragraph says neither.
    """
    match = _ON_BEHALF_RE.search(paragraph)
    if not match:
        return "", False
    org = match.group("org")
    organisation = org if org == "国务院" or organisation_of(org) == org or org.startswith("第") else ""
    if organisation.startswith("第"):
        organisation = f"中国共产党{organisation}" if organisation.endswith("中央委员会") else ""
    return organisation, "政府" in org or org == "国务院" or "政府工作" in match.group("report")


def read_metadata(title: str, lines: list[str]) -> Metadata:
    """The particulars stated by ``title`` and the metadata ``lines`` under it."""
    meta = Metadata()
    for line in lines:
        # 1 9 9 8 年3 月5 日: figures spaced out as some sources set them.
        stripped = re.sub(r"(?<=\d)\s+(?=[\d年月日])", "", line).strip("（）()—- ")
        date = _DATE_RE.search(stripped)
        if date and not meta.date:
            meta.date = f"{date.group('y')}年{date.group('m')}月" if date.group("m") else f"{date.group('y')}年"
        meeting = _MEETING_RE.search(stripped)
        if meeting and not meta.subtitle:
            meta.subtitle = meeting.group("meeting")
            continue
        speaker = _SPEAKER_RE.match(stripped) or _COMRADE_RE.match(stripped) or _NAME_RE.match(stripped)
        if speaker and not meta.presenter:
            name = speaker.group("name")
            office = speaker.groupdict().get("office") or ""
            org = (speaker.groupdict().get("org") or "").strip() or organisation_of(office)
            office = office.removeprefix(org) or office
            place = _PLACE_HEAD_RE.match(office)
            if place and not org:
                # 江岭省省长 林思远: the 江岭省人民政府 reports.
                org, office = f"{place.group('place')}人民政府", office[len(place.group("place")):]
            meta.presenter = f"{office} {name}".strip() if office else f"{name}同志"
            if org and not meta.organisation:
                meta.organisation = org
    summary = _SUMMARY_TITLE_RE.match(title)
    if summary and not meta.organisation:
        meta.organisation = summary.group("org")
    return meta


def organisation_of(text: str) -> str:
    """The organisation an office title starts with (临江市人民政府市长 -> 临江市人民政府)."""
    match = _ORG_SUFFIX_RE.match(text)
    return match.group("org") if match else ""
