#!/usr/bin/env python3
"""Drafts ui/src/i18n/zh-Hant.ts from zh-CN.ts with OpenCC (s2twp: Taiwan characters and phrases).

Dev-time only (`pip install opencc`); the committed zh-Hant.ts is the reviewed translation, not this
output. The fixes below are what the review found OpenCC gets wrong for this app (IT phrases applied
where the word means something else, Taiwan words it does not know); anything else is edited by hand in
the committed file, so compare before overwriting it:

    python3 scripts/hant/draft_ui.py > /tmp/zh-Hant.draft.ts && diff /tmp/zh-Hant.draft.ts ui/src/i18n/zh-Hant.ts
"""
import pathlib
import re

import opencc

ROOT = pathlib.Path(__file__).resolve().parents[2]

# (what OpenCC writes, what a reader in Taiwan or Hong Kong expects here)
FIXES = [
    ('型別', '類型'),            # 问题类型 is a kind of problem, not a programming type
    ('賬號', '帳號'), ('賬戶', '帳戶'), ('到賬', '到帳'), ('賬', '帳'),
    ('許可權', '權限'),
    ('窗口', '視窗'),
    ('訪問金鑰', '存取金鑰'),
    ('繫結', '綁定'),
    ('鑰匙串', '鑰匙圈'),          # macOS and Windows call the keychain 鑰匙圈 in Taiwan
    ('郵箱', '電子郵件'),
    ('本應用', '本應用程式'), ('應用會', '應用程式會'), ('應用可以', '應用程式可以'),
    ('質量', '品質'),
    ('充值', '儲值'),
    ('平臺', '平台'), ('這臺', '這台'),
    ('重新新增', '重新加入'),
    ('通過工單', '透過工單'), ('返回了', '回傳了'),
    ('反饋', '回報'), ('倒計時', '倒數計時'), ('時間線', '時間軸'), ('生成', '產生'),
    ('渠道', '管道'), ('新建求助', '新增求助'), ('手機號', '手機號碼'), ('二維碼', 'QR Code'),
    ('當前', '目前'), ('不聯網', '不連網'), ('沒有聯網，聯網後', '沒有連上網路，連上後'),
    ('條未讀', '則未讀'), ('校驗', '驗證'), ('正文', '內文'),
    ('“', '「'), ('”', '」'),
]


def main() -> None:
    src = (ROOT / 'ui/src/i18n/zh-CN.ts').read_text(encoding='utf-8')
    body = src[src.index('export const zhCN'):]
    out = opencc.OpenCC('s2twp').convert(body)
    for wrong, right in FIXES:
        out = out.replace(wrong, right)
    out = re.sub('應用(?!程式)', '應用程式', out)
    out = out.replace('} satisfies Record<string, string>;', '};')
    out = re.sub(r'^export const zhCN = \{',
                 "export const zhHant: Record<keyof typeof zhCN, string> = {", out, count=1, flags=re.M)
    head = ("// 繁體中文 (Taiwan and Hong Kong usage). Exactly the same keys as zh-CN.ts (checked by the compiler\n"
            "// and by i18n.test.ts). Drafted by scripts/hant/draft_ui.py, then reviewed by hand: edit here.\n"
            "import type { zhCN } from './zh-CN';\n\n")
    print(head + out, end='')


if __name__ == '__main__':
    main()
