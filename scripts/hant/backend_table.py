#!/usr/bin/env python3
"""Writes crates/core/src/hant/table.rs: the Traditional table for the backend's own Chinese texts.

Dev-time only (`pip install opencc-python-reimplemented`). Input: the texts, one per line, as the
coverage test writes them:

    HANT_TEXTS=/tmp/hant-texts.txt cargo test -p reachright-core --test hant_coverage
    python3 scripts/hant/backend_table.py /tmp/hant-texts.txt > crates/core/src/hant/table.rs

What "right" means is OpenCC s2twp (Taiwan characters and wording) with the review's fixes (fixes.py),
on each whole text. The table holds each character's own Traditional form, and the phrases where a
text needs something else (之后 → 之後, 文件 → 檔案, 账号 → 帳號). A character whose form depends on the
words around it is listed as ambiguous, and every place it occurs gets a phrase, so that the coverage
test can ask for a phrase wherever it occurs in a new text. The script checks that the table converts
every text exactly as OpenCC does, and says on stderr where it does not.
"""
import collections
import difflib
import os
import sys

import opencc

from fixes import FIXES, NOT_PHRASES, fix

S2TWP = opencc.OpenCC('s2twp')


def is_han(c: str) -> bool:
    return '\u4e00' <= c <= '\u9fff' or '\u3400' <= c <= '\u4dbf'


def target(text: str) -> str:
    return fix(S2TWP.convert(text))


def convert(text: str, chars: dict, phrases: dict, longest: int) -> str:
    """What the Rust side does: the longest phrase at each position, else the character's form."""
    out, i = [], 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            if text[i:i + n] in phrases:
                out.append(phrases[text[i:i + n]])
                i += n
                break
        else:
            out.append(chars.get(text[i], text[i]))
            i += 1
    return ''.join(out)


def dictionary(name: str) -> dict:
    path = os.path.join(os.path.dirname(opencc.__file__), 'dictionary', name)
    out = {}
    for line in open(path, encoding='utf-8'):
        key, _, values = line.rstrip('\n').partition('\t')
        out[key] = values.split(' ')
    return out


def main() -> None:
    texts = sorted({t for t in open(sys.argv[1], encoding='utf-8').read().split('\n') if t})
    seen = sorted({c for t in texts for c in t if is_han(c)})
    chars = {}
    for c in seen:
        t = target(c)
        if len(t) == 1 and t != c:
            chars[c] = t
    same = [c for c in seen if c not in chars]

    def one_by_one(s: str) -> str:
        return ''.join(chars.get(c, c) for c in s)

    # OpenCC's phrases (simplified → Traditional, and Taiwan words, whose keys are Traditional) that
    # occur in the texts and convert otherwise than character by character.
    t2s = opencc.OpenCC('t2s')
    keys = set(dictionary('STPhrases.txt')) | {t2s.convert(k) for k in dictionary('TWPhrases.txt')}
    keys |= {t2s.convert(wrong) for wrong, _ in FIXES} | {t2s.convert(w) for w in ('手機號', '應用')}
    substrings = {t[i:j] for t in texts for i in range(len(t)) for j in range(i + 2, min(len(t), i + 8) + 1)}
    frequency = collections.Counter(c for t in texts for c in t)
    phrases, ambiguous = {}, set()
    for k in sorted((keys & substrings) - NOT_PHRASES):
        v = target(k)
        if v == one_by_one(k):
            continue
        phrases[k] = v
        # The characters whose own form is wrong here become ambiguous (系 of 联系 → 聯絡); where
        # the phrase only adds characters (手机号 → 手機號碼), its least common one marks it.
        ops = difflib.SequenceMatcher(None, one_by_one(k), v, autojunk=False).get_opcodes()
        marked = {c for op, i1, i2, _, _ in ops if op in ('replace', 'delete') for c in k[i1:i2]}
        ambiguous.update(marked or {min(k, key=lambda c: frequency[c])})
    # Characters with several Traditional forms that this app's texts use in more than one way.
    for c, forms in dictionary('STCharacters.txt').items():
        if c in chars and len(forms) > 1 and any(c in k for k in phrases):
            ambiguous.add(c)

    # Every other place an ambiguous character stands, where its own form is right, is confirmed
    # with its neighbours: not a phrase (it would change how the text is cut into phrases), only
    # so that the coverage test can insist on a phrase or a confirmation wherever one stands.
    def longest() -> int:
        return max((len(k) for k in phrases), default=1)

    confirmed = set()
    for text in texts:
        covered, i, n = [False] * len(text), 0, longest()
        while i < len(text):
            for m in range(min(n, len(text) - i), 1, -1):
                if text[i:i + m] in phrases:
                    covered[i:i + m] = [True] * m
                    i += m
                    break
            else:
                i += 1
        for i, c in enumerate(text):
            if c in ambiguous and not covered[i]:
                if i + 1 < len(text) and is_han(text[i + 1]):
                    confirmed.add(text[i:i + 2])
                elif i > 0 and is_han(text[i - 1]):
                    confirmed.add(text[i - 1:i + 1])
                else:
                    confirmed.add(c)

    # Converting twice changes nothing (a label inside a sentence converted whole is converted
    # again): where a phrase's Traditional form would convert further (托盤: 托 alone is 託), that form
    # is a phrase of its own, kept as it is.
    # (A form that is itself a simplified word with another meaning, 文件 of 文档, cannot be both.)
    for v in sorted(set(phrases.values())):
        if len(v) > 1 and v not in phrases and convert(v, chars, phrases, longest()) != v:
            phrases[v] = v
    for c, t in chars.items():
        if chars.get(t, t) != t:
            print(f'not idempotent: {c} → {t} → {chars[t]}', file=sys.stderr)

    n = longest()
    wrong = [t for t in texts if convert(t, chars, phrases, n) != target(t)]
    for t in wrong[:40]:
        print(f'differs: {t}\n   ours: {convert(t, chars, phrases, n)}\n OpenCC: {target(t)}', file=sys.stderr)
    print(f'{len(texts)} texts, {len(chars)} characters, {len(same)} unchanged, {len(phrases)} phrases, '
          f'{len(confirmed)} confirmed, '
          f'{len(ambiguous)} ambiguous; {len(wrong)} texts convert differently from OpenCC', file=sys.stderr)

    def lit(s: str) -> str:
        return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

    def chunked(s: str, width: int = 40) -> str:
        return '\\\n    '.join(s[i:i + width] for i in range(0, len(s), width)) or ''

    print('// Generated by scripts/hant/backend_table.py from OpenCC s2twp over the backend\'s own texts;')
    print('// do not edit by hand (see crates/core/src/hant/mod.rs).')
    print('')
    print('/// Simplified → Traditional, one character each, sorted by the simplified one.')
    print('#[rustfmt::skip]')
    print('pub(super) static CHARS: &[(char, char)] = &[')
    for k in sorted(chars):
        print(f"    ('{k}', '{chars[k]}'),")
    print('];')
    print('')
    print('/// Where a text needs more than the characters one by one, sorted.')
    print('#[rustfmt::skip]')
    print('pub(super) static PHRASES: &[(&str, &str)] = &[')
    for k in sorted(phrases):
        print(f'    ({lit(k)}, {lit(phrases[k])}),')
    print('];')
    print('')
    print('/// Where an ambiguous character\'s own form is right (it with the character after it, or before it;')
    print('/// alone where it stands alone). Only read by the coverage test, never to convert.')
    print('#[rustfmt::skip]')
    print('pub(super) static CONFIRMED: &[&str] = &[')
    for k in sorted(confirmed):
        print(f'    {lit(k)},')
    print('];')
    print('')
    print('/// Characters written the same in both.')
    print(f'pub(super) static SAME: &str =\n    "{chunked("".join(same))}";')
    print('')
    print('/// Characters whose Traditional form depends on the words around them: only inside a phrase.')
    print(f'pub(super) static AMBIGUOUS: &str =\n    "{chunked("".join(sorted(ambiguous)))}";')


if __name__ == '__main__':
    main()
