import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { registerAllMessages } from '../../src/messages.js';
import { markdownBlocks } from '../../src/records/markdown-blocks.js';
import { buildMinutesDocument, chineseNumeral, minutesTitle } from '../../src/records/minutes-document.js';
import { renderMinutesDocx } from '../../src/records/minutes-docx.js';
import { publishedMinutes, symposiumEvent } from './fixtures.js';

registerAllMessages();

/** One file of a DOCX (a zip), read with unzip as any tool would. */
function unzipEntry(buffer: Buffer, entry: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'docx-')), 'minutes.docx');
  writeFileSync(file, buffer);
  return execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8' });
}

describe('the minutes as a document', () => {
  test('parts are numbered as official documents number them', () => {
    assert.deepEqual([1, 2, 9, 10, 11, 19, 20, 21, 99].map(chineseNumeral), ['一', '二', '九', '十', '十一', '十九', '二十', '二十一', '九十九']);
  });

  test('the title reads 「…座谈会纪要」 in Chinese and "Minutes of the …" in English', () => {
    assert.equal(minutesTitle(symposiumEvent(), 'zh'), '2019年度金融工作座谈会纪要');
    assert.equal(minutesTitle(symposiumEvent({ titleZh: '金融服务对接' }), 'zh'), '金融服务对接会议纪要');
    assert.equal(minutesTitle(symposiumEvent(), 'en'), 'Minutes of the 2019 Annual Symposium on Financial Work');
  });

  test('when minutes are worded in Chinese, then facts come first and items follow in agenda order with 一、二、', () => {
    const doc = buildMinutesDocument(symposiumEvent(), publishedMinutes(), 'zh');
    assert.deepEqual(doc.facts.map((f) => f.label), ['时间', '地点', '主持', '参会金融机构（2家）', '参会部门', '列席']);
    assert.equal(doc.facts[0]!.lines[0], '2019年4月12日（星期五）09:30–11:30');
    assert.deepEqual(doc.facts[2]!.lines, ['文武（管委副主任）'], 'the chair, not the host');
    assert.equal(doc.facts[3]!.lines[0], '中国银行青岛高新区支行（张三、李四）');
    assert.deepEqual(doc.items.map((i) => `${i.number}${i.title}`), ['一、开幕致辞', '二、金融机构交流发言']);
    const second = doc.items[1]!;
    assert.equal(second.time, '09:45');
    assert.equal(second.speakers, '发言：张三、王五');
    assert.deepEqual(second.sections.map((s) => s.label), ['（一）主要内容', '（二）议定事项', '（三）工作任务']);
    assert.equal(second.sections[2]!.entries[0], '整理银企对接名单（责任部门：财政金融局；完成时限：2019年5月31日）');
    assert.equal(doc.colophon, '第2版，2019年4月15日印发。审定：文武。');
  });

  test('when minutes are worded in English, then names, dates and labels are English', () => {
    const doc = buildMinutesDocument(symposiumEvent(), publishedMinutes(), 'en');
    assert.equal(doc.facts[0]!.lines[0], 'Friday 12 April 2019, 09:30–11:30');
    assert.equal(doc.items[1]!.number, '2. ');
    assert.equal(doc.items[1]!.sections[2]!.entries[0], '整理银企对接名单 (owner: Finance Bureau; due 31 May 2019)');
  });

  test('Markdown notes become paragraphs, list items and emphasis, never markup', () => {
    const blocks = markdownBlocks('Intro **bold** [site](https://example.org)\n\n1. one\n2. two\n\n- a\n  - b\n\n<script>alert(1)</script>');
    assert.deepEqual(blocks.map((b) => b.kind), ['paragraph', 'numbered', 'numbered', 'bullet', 'bullet', 'paragraph']);
    assert.deepEqual(blocks[0]!.runs.map((r) => [r.text, Boolean(r.bold)]), [['Intro ', false], ['bold', true], [' ', false], ['site', false], [' (https://example.org)', false]]);
    assert.equal(blocks[2]!.number, 2);
    assert.equal(blocks[4]!.level, 1);
    assert.equal(blocks[5]!.runs.map((r) => r.text).join(''), '<script>alert(1)</script>', 'raw HTML stays text');
  });

  test('when the DOCX is unzipped, then word/document.xml holds the Chinese title and items, with East Asian fonts declared', async () => {
    const buffer = await renderMinutesDocx(buildMinutesDocument(symposiumEvent(), publishedMinutes(), 'zh'));
    assert.equal(buffer.subarray(0, 2).toString(), 'PK');
    const xml = unzipEntry(buffer, 'word/document.xml');
    assert.ok(xml.includes('2019年度金融工作座谈会纪要'), 'the title');
    assert.ok(xml.includes('一、开幕致辞') && xml.includes('二、金融机构交流发言'), 'numbered items');
    assert.ok(xml.includes('<w:jc w:val="center"/>'), 'a centred paragraph (the title)');
    assert.match(xml, /w:eastAsia="SimHei"/);
    const styles = unzipEntry(buffer, 'word/styles.xml');
    assert.match(styles, /w:eastAsia="SimSun"/, 'the default font is 宋体 for Chinese text');
  });
});
