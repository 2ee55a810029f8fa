import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { registerAllMessages } from '../../src/messages.js';
import { listMessageKeys, negotiateLocale, translate } from '../../src/web/i18n.js';
import { firstAllowedLocale } from '../../src/web/locale.js';

registerAllMessages();

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Every literal key passed to t('…') in views and sources. */
function usedKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [...walk(path.resolve('src')), ...walk(path.resolve('views'))].filter((f) => /\.(ts|ejs)$/.test(f));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-z][\w.-]*\.[\w.-]+)'\s*[,)]/g)) found.set(match[1]!, path.relative(process.cwd(), file));
  }
  return found;
}

describe('languages', () => {
  test('every key used in a view or handler exists in English and Chinese', () => {
    const en = new Set(listMessageKeys('en'));
    const zh = new Set(listMessageKeys('zh'));
    const missing = [...usedKeys()].filter(([key]) => !en.has(key) || !zh.has(key)).map(([key, file]) => `${key} (${file})`);
    assert.deepEqual(missing, []);
  });

  test('every English message has a Chinese one', () => {
    const zh = new Set(listMessageKeys('zh'));
    assert.deepEqual(listMessageKeys('en').filter((key) => !zh.has(key)), []);
  });

  test('Korean and Japanese messages only translate keys that exist in English', () => {
    const en = new Set(listMessageKeys('en'));
    assert.deepEqual([...listMessageKeys('ko'), ...listMessageKeys('ja')].filter((key) => !en.has(key)), []);
  });

  test('placeholders are filled in, in each language', () => {
    assert.equal(translate('en', 'home.welcome', { name: 'Li' }), 'Welcome, Li.');
    assert.equal(translate('zh', 'home.welcome', { name: '李' }), '李，您好。');
  });

  test('the language is chosen from ?lang, then the user, then the cookie, then Accept-Language, then Chinese', () => {
    const staff = ['zh', 'en'] as const;
    assert.equal(firstAllowedLocale(['en', 'zh', 'zh', 'zh'], staff), 'en');
    assert.equal(firstAllowedLocale([undefined, 'en', 'zh', 'zh'], staff), 'en');
    assert.equal(firstAllowedLocale([undefined, undefined, 'en', 'zh'], staff), 'en');
    assert.equal(firstAllowedLocale(['ko', undefined, undefined, negotiateLocale('ko-KR,en;q=0.8', staff)], staff), 'en');
    assert.equal(firstAllowedLocale([undefined, undefined, undefined, undefined], staff), 'zh');
  });

  test('Accept-Language is ranked by quality and limited to the allowed languages', () => {
    assert.equal(negotiateLocale('fr;q=1, en;q=0.5, zh-CN;q=0.9', ['zh', 'en']), 'zh');
    assert.equal(negotiateLocale('ja-JP', ['zh', 'en', 'ko', 'ja']), 'ja');
    assert.equal(negotiateLocale('ja-JP', ['zh', 'en']), undefined);
  });
});
