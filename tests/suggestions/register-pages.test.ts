import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { translate } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { eventWithInvitee, suggest } from './fixtures.js';

useTestDatabase(import.meta.url);

const rowsIn = (html: string) => [...html.matchAll(/data-testid="suggestion-row" data-id="([0-9a-f]{24})"/g)].map((m) => m[1]!);
const nextHref = (html: string) => /<a rel="next" href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

describe('a long register', () => {
  let testApp: TestApp;
  let viewer: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    viewer = await signIn(testApp.app, 'viewer');
    const { eventId } = await eventWithInvitee();
    for (let i = 0; i < 60; i += 1) await suggest(eventId, { personName: `代表${i}`, categoryKey: i % 2 ? 'other' : 'credit_structure', text: `建议 ${i}` });
  });
  after(() => testApp.stop());

  test('when the register holds 60 suggestions, then it shows 50 and a link to the other 10, keeping the filter', async () => {
    const first = await viewer.agent.get('/suggestions').expect(200);
    assert.equal(rowsIn(first.text).length, 50);
    assert.ok(first.text.includes(translate('zh', 'common.pageOf', { page: 1, pages: 2, first: 1, last: 50, total: 60 })));
    assert.equal(nextHref(first.text), '/suggestions?page=2');
    const second = await viewer.agent.get('/suggestions?page=2').expect(200);
    assert.equal(rowsIn(second.text).length, 10);
    assert.equal(new Set([...rowsIn(first.text), ...rowsIn(second.text)]).size, 60, 'no suggestion on both pages, none left out');
    assert.equal(nextHref(second.text), undefined, 'no next page after the last');
    assert.match(second.text, /<a rel="prev" href="\/suggestions"/);

    const filtered = await viewer.agent.get('/suggestions?category=other').expect(200);
    assert.equal(rowsIn(filtered.text).length, 30);
    assert.doesNotMatch(filtered.text, /rel="next"/, 'one page of 30 needs no pager');
  });

  test('when the page asked for is past the end or not a number, then the last or the first page shows', async () => {
    assert.equal(rowsIn((await viewer.agent.get('/suggestions?page=99').expect(200)).text).length, 10);
    assert.equal(rowsIn((await viewer.agent.get('/suggestions?page=abc').expect(200)).text).length, 50);
  });

  test('when the filtered register is exported, then the CSV has every matching suggestion, not one page', async () => {
    const csv = await viewer.agent.get('/suggestions/export.csv?page=2').expect(200);
    assert.equal(csv.text.trim().split('\r\n').length, 61, 'a heading and 60 lines');
  });
});
