import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IFontAttributesProperties } from 'docx';
import type { Translate } from '../web/i18n.js';
import type { LastEditionReport, ReportRow } from './last-edition.service.js';

// A plain A4 report: title, the previous edition and its totals, then one table per category.

const SONG: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimSun' };
const HEI: IFontAttributesProperties = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: 'SimHei' };
/** Column widths in percent: number, who, suggestion, department, status, outcome. */
const WIDTHS = [5, 16, 30, 14, 9, 26];

function cell(text: string, width: number, bold = false): TableCell {
  const lines = text.split(/\r?\n/);
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 21 })] })),
  });
}

function table(rows: ReportRow[], t: Translate): Table {
  const heads = ['suggestions.report.number', 'suggestions.field.who', 'suggestions.field.text', 'suggestions.field.department', 'suggestions.field.status', 'suggestions.field.outcome'];
  const header = new TableRow({ tableHeader: true, children: heads.map((key, i) => cell(t(key), WIDTHS[i]!, true)) });
  const body = rows.map((row, index) => {
    const status = t(`suggestions.status.${row.status}`) + (row.answeredAt ? `\n${row.answeredAt}` : '');
    const department = [row.department, row.owner].filter(Boolean).join('\n');
    return new TableRow({ children: [String(index + 1), row.who, row.text, department, status, row.outcome].map((text, i) => cell(text, WIDTHS[i]!)) });
  });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...body] });
}

/** The DOCX bytes of a last-edition report. */
export async function buildReportDocx(report: LastEditionReport, t: Translate): Promise<Buffer> {
  const intro = t('suggestions.report.intro', { title: report.previous.title, date: report.previous.date });
  const totals = t('suggestions.report.totals', report.totals);
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: report.title, bold: true, size: 36, font: SONG })] }),
    new Paragraph({ children: [new TextRun(intro)] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun(totals)] }),
    ...report.groups.flatMap((group) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: group.name, font: HEI, bold: true, size: 28, color: '000000' })] }),
      table(group.rows, t),
    ]),
  ];
  if (report.groups.length === 0) children.push(new Paragraph({ children: [new TextRun(t('suggestions.report.none'))] }));
  const doc = new Document({
    title: report.title,
    creator: 'Convene',
    styles: { default: { document: { run: { font: SONG, size: 24 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
