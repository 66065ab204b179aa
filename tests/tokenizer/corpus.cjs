// The seeded corpus both tokenizer comparisons use: ASCII prose, code, numbers, whitespace
// runs, contractions, accented Latin, Cyrillic, Greek, Arabic, Devanagari, CJK, emoji (ZWJ,
// skin tones, flags), control characters, mixtures; and byte strings that are not UTF-8
// (stray continuation bytes, truncated sequences, overlong forms, surrogates, 0xf8..0xff).
//   const { makeCorpus } = require('./corpus.cjs');
//   const { corpus, invalid } = makeCorpus({ count: 2200, fixed: [...] });
'use strict';

function makeCorpus({ seed0 = 0x1234567n, count = 2200, fixed: extra = [], n_invalid = 200 } = {}) {
    let seed = seed0;
    function rnd(n) {   // xorshift64*, uniform in [0, n)
        seed ^= seed >> 12n; seed ^= (seed << 25n) & 0xffffffffffffffffn; seed ^= seed >> 27n;
        return Number(((seed * 0x2545F4914F6CDD1Dn) & 0xffffffffffffffffn) >> 11n) % n;
    }
    const pick = (a) => a[rnd(a.length)];
    const words = ['the', 'The', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', 'BitNet', 'ternary',
        'weights', 'inference', 'tokenizer', 'hello', 'world', 'CPU', 'GPU', 'model', 'LLaMA', 'don', 'I', 'you',
        'they', 'x', 'a'];
    const suffixes = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "'Re", "’s", '', '', ''];
    const punct = ['.', ',', '!', '?', ';', ':', '...', '--', '—', '(', ')', '[', ']', '{', '}', '"', "'", '`', '#',
        '@', '$', '%', '^', '&', '*', '+', '=', '<', '>', '/', '\\', '|', '~', '_', '-', '«', '»', '¿', '¡'];
    const spaces = [' ', '  ', '   ', '\t', '\n', '\n\n', '\r\n', ' \n', '\n ', '\t\t', '\u00a0', '\u3000', '\u2009',
        '\u2028', '\v', '\f', '        '];
    const scripts = [
        ['é', 'ü', 'ñ', 'ç', 'ø', 'å', 'ß', 'œ', 'É', 'Ω', 'ł', 'ő'],
        ['привет', 'мир', 'Москва', 'ёж', 'данные'],
        ['γειά', 'σου', 'κόσμε', 'Αθήνα'],
        ['مرحبا', 'بالعالم', 'العربية', '٣٤٥'],
        ['नमस्ते', 'दुनिया', 'हिन्दी', '१२३'],
        ['你好', '世界', '中文分词', '模型', '三元', '權重'],
        ['こんにちは', '世界', 'カタカナ', 'ひらがな'],
        ['안녕하세요', '세계', '한국어'],
        ['😀', '🤖', '🚀', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '🏳️‍🌈', '❤️', '✨', '🧠', '🙂🙃'],
        ['∑', '∫', '√', '≤', '≥', '≠', '∞', 'π', 'µ', '°', '€', '£', '¥', '©', '™'],
    ];
    const code = ['int main(void) { return 0; }', 'for (i = 0; i < n; i++) x[i] += y[i];',
        'def f(x):\n    return x**2\n',
        'const a = [1, 2, 3].map((v) => v * 2);', '#include <stdio.h>\n', 'if (a && b || !c) {\n\tfoo();\n}',
        'SELECT * FROM t WHERE id = 42;', '<div class="x">Hi</div>', '{"key": [1, 2.5, null, true]}', 'x = y ** 2 // 3',
        '    indented  line   ', 'a_b_c = __init__(self)', 'std::vector<int> v{1,2,3};', '$ ls -la /tmp && echo ok'];

    function number() {
        switch (rnd(6)) {
        case 0: return String(rnd(10));
        case 1: return String(rnd(1000000000));
        case 2: return (rnd(100000) / 100).toFixed(2);
        case 3: return '1' + '0'.repeat(1 + rnd(30));
        case 4: return `${rnd(10000)},${String(rnd(1000)).padStart(3, '0')}`;
        default: return `${rnd(100)}-${rnd(100)}-${rnd(10000)}`;
        }
    }

    function piece() {
        switch (rnd(10)) {
        case 0: case 1: return pick(words) + pick(suffixes);
        case 2: return pick(punct).repeat(1 + rnd(3));
        case 3: return pick(spaces);
        case 4: return number();
        case 5: return pick(pick(scripts));
        case 6: return pick(code);
        case 7: return pick(words).toUpperCase();
        case 8: return String.fromCodePoint(0x20 + rnd(0x2fa0));   // anything in the BMP's lower part
        default: return ' ' + pick(words);
        }
    }

    const corpus = [];
    const fixed = ['', ' ', '\n', 'a', 'Hello, world!', "I'm here, you're there, it's ok", 'don\'t DON\'T Don\'T',
        '   leading and trailing   ', '\n\n\n', ' \t \n \r\n', '1234567890', '3.14159', '2024-11-24', 'a1b2c3',
        '😀😀😀', 'ab\u0000cd', '\u0001\u0002\u001f', 'x' + ' '.repeat(20) + 'y', 'z'.repeat(300), '  \n  \n',
        'résumé naïve café', 'ﬁ ﬂ', 'Ａｂｃ１２３', '\ufeffBOM', 'tab\tsep\tvalues', 'end with space ',
        'end with newline\n'];
    corpus.push(...fixed, ...extra);
    while (corpus.length < count) {
        let s = '';
        const n = 1 + rnd(rnd(4) === 0 ? 60 : 12);
        for (let i = 0; i < n; i++) s += piece() + (rnd(3) ? ' ' : '');
        if (rnd(8) === 0) s = s.trim();
        corpus.push(s);
    }
    // Byte strings that are not valid UTF-8 (stray continuation bytes, truncated sequences,
    // overlong forms, surrogates, bytes 0xf8..0xff), alone and inside text.
    const invalid = [];
    const bad = [[0x80], [0xbf], [0xc0, 0xaf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf8], [0xff, 0xfe], [0xc3],
        [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0xfe]];
    for (let i = 0; i < n_invalid; i++) {
        const parts = [];
        const n = 1 + rnd(5);
        for (let j = 0; j < n; j++) {
            parts.push(rnd(2) ? Buffer.from(piece(), 'utf8') : Buffer.from(pick(bad)));
        }
        parts.push(Buffer.from(pick(bad)));
        invalid.push(Buffer.concat(parts));
    }

    return { corpus, invalid };
}

// Length-prefixed records (u32 little-endian length, then the bytes): what `tern tokenize
// --records` and `test_tokenizer --roundtrip` read.
function records(buffers) {
    const out = [];
    for (const b of buffers) {
        const len = Buffer.alloc(4);
        len.writeUInt32LE(b.length);
        out.push(len, b);
    }
    return Buffer.concat(out);
}

module.exports = { makeCorpus, records };
