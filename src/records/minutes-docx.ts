import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun, type IFontAttributesProperties } from 'docx';
import { markdownBlocks, type TextBlock } from './markdown-blocks.js';
import type { MinutesDocument } from './minutes-document.js';

// The layout of official Chinese documents (GB/T 9704): A4, margins 37/35/28/26 mm, title in 二号 (22 pt),
// headings in 黑体 三号 (16 pt), body in 宋体 三号 with a two-character first-line indent and fixed 28 pt lines.

const MM = 56.7;
const LINE = 560;
const SONG: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimSun' };
const HEI: IFontAttributesProperties = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: 'SimHei' };
const KAI: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'KaiTi' };
const MONO: IFontAttributesProperties = { ascii: 'Courier New', hAnsi: 'Courier New', cs: 'Courier New', eastAsia: 'SimSun' };
const BODY_SIZE = 32;

const colon = (doc: MinutesDocument) => (doc.locale === 'zh' ? '：' : ': ');

function runsOf(block: TextBlock): TextRun[] {
  return block.runs.map((run) =>
    run.break ? new TextRun({ break: 1 }) : new TextRun({ text: run.text, bold: run.bold, italics: run.italic, font: run.code ? MONO : undefined }),
  );
}

function notesParagraphs(markdown: string): Paragraph[] {
  return markdownBlocks(markdown).map((block) => {
    const runs = runsOf(block);
    if (block.kind === 'bullet' || block.kind === 'numbered') {
      const marker = block.kind === 'bullet' ? '• ' : `${block.number}. `;
      return new Paragraph({ children: [new TextRun(marker), ...runs], indent: { left: 420 * (block.level + 1), hanging: 300 } });
    }
    if (block.kind === 'quote') return new Paragraph({ children: block.runs.map((r) => new TextRun({ text: r.text, break: r.break ? 1 : undefined, font: KAI })), indent: { left: 640 } });
    if (block.kind === 'code') return new Paragraph({ children: runs, indent: { left: 640 }, spacing: { line: 360 } });
    return new Paragraph({ children: runs, indent: { firstLineChars: 200 } });
  });
}

function titleParagraphs(doc: MinutesDocument): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 480, line: 720 },
      children: [new TextRun({ text: doc.title, bold: true, size: 44, font: SONG })],
    }),
  ];
}

function factParagraphs(doc: MinutesDocument): Paragraph[] {
  return doc.facts.flatMap((fact) => {
    const [first = '', ...rest] = fact.lines;
    const label = new TextRun({ text: `${fact.label}${colon(doc)}`, font: HEI });
    return [
      new Paragraph({ children: [label, new TextRun(first)], indent: { firstLineChars: 200 } }),
      ...rest.map((line) => new Paragraph({ children: [new TextRun(line)], indent: { left: 1280 } })),
    ];
  });
}

function itemParagraphs(doc: MinutesDocument): Paragraph[] {
  return doc.items.flatMap((item) => {
    const heading = new Paragraph({
      spacing: { before: 240 },
      keepNext: true,
      indent: { firstLineChars: 200 },
      children: [new TextRun({ text: `${item.number}${item.title}`, font: HEI }), new TextRun({ text: `  ${item.time}`, font: KAI, size: 28 })],
    });
    const speakers = item.speakers ? [new Paragraph({ children: [new TextRun({ text: item.speakers, font: KAI })], indent: { firstLineChars: 200 } })] : [];
    const sections = item.sections.flatMap((section) => [
      new Paragraph({ keepNext: true, indent: { firstLineChars: 200 }, children: [new TextRun({ text: section.label, font: KAI, bold: true })] }),
      ...section.entries.map((entry, i) => new Paragraph({ indent: { firstLineChars: 200 }, children: [new TextRun(`${i + 1}. ${entry}`)] })),
    ]);
    return [heading, ...speakers, ...notesParagraphs(item.notes), ...sections];
  });
}

/** Page numbers as official documents print them: — 1 —. */
function pageFooter(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: SONG })] })],
  });
}

/** Published minutes as a Word document (.docx) in the style of official Chinese meeting minutes. */
export async function renderMinutesDocx(doc: MinutesDocument): Promise<Buffer> {
  const document = new Document({
    creator: 'Convene',
    title: doc.title,
    styles: {
      default: {
        document: {
          run: { font: SONG, size: BODY_SIZE, language: { value: doc.locale === 'zh' ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: 'exact' }, alignment: AlignmentType.JUSTIFIED },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) } } },
        footers: { default: pageFooter() },
        children: [
          ...titleParagraphs(doc),
          ...factParagraphs(doc),
          ...itemParagraphs(doc),
          new Paragraph({ spacing: { before: 480 }, alignment: AlignmentType.RIGHT, children: [new TextRun({ text: doc.colophon, size: 28, font: KAI })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
