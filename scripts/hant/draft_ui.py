#!/usr/bin/env python3
"""Drafts ui/src/i18n/zh-Hant.ts from zh-CN.ts with OpenCC (s2twp: Taiwan characters and phrases).

Dev-time only (`pip install opencc-python-reimplemented`); the committed zh-Hant.ts is the reviewed translation, not this
output. The fixes in fixes.py are what the review found OpenCC gets wrong for this app (IT phrases applied
where the word means something else, Taiwan words it does not know); anything else is edited by hand in
the committed file, so compare before overwriting it:

    python3 scripts/hant/draft_ui.py > /tmp/zh-Hant.draft.ts && diff /tmp/zh-Hant.draft.ts ui/src/i18n/zh-Hant.ts
"""
import pathlib
import re

import opencc

from fixes import fix

# Taiwan and Hong Kong quote with corner brackets.
QUOTES = [('“', '「'), ('”', '」')]

ROOT = pathlib.Path(__file__).resolve().parents[2]



def main() -> None:
    src = (ROOT / 'ui/src/i18n/zh-CN.ts').read_text(encoding='utf-8')
    body = src[src.index('export const zhCN'):]
    out = fix(opencc.OpenCC('s2twp').convert(body))
    for wrong, right in QUOTES:
        out = out.replace(wrong, right)
    out = out.replace('} satisfies Record<string, string>;', '};')
    out = re.sub(r'^export const zhCN = \{',
                 "export const zhHant: Record<keyof typeof zhCN, string> = {", out, count=1, flags=re.M)
    head = ("// 繁體中文 (Taiwan and Hong Kong usage). Exactly the same keys as zh-CN.ts (checked by the compiler\n"
            "// and by i18n.test.ts). Drafted by scripts/hant/draft_ui.py, then reviewed by hand: edit here.\n"
            "import type { zhCN } from './zh-CN';\n\n")
    print(head + out, end='')


if __name__ == '__main__':
    main()
