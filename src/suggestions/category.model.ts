import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const categorySchema = new Schema(
  {
    /** The stable key (e.g. `credit_structure`): suggestions refer to it, renaming keeps it. */
    _id: { type: String, required: true },
    nameZh: { type: String, required: true, trim: true },
    nameEn: { type: String, required: true, trim: true },
    nameKo: { type: String, default: '', trim: true },
    nameJa: { type: String, default: '', trim: true },
    order: { type: Number, default: 0 },
    /** Retired categories stay for the suggestions that use them but are not offered for new ones. */
    retiredAt: { type: Date, default: null },
  },
  { timestamps: true },
);

/** A stored category. */
export type CategoryDoc = InferSchemaType<typeof categorySchema>;

/** The categories a suggestion can be filed under; an admin edits the list. */
export const SuggestionCategory = mongoose.model('SuggestionCategory', categorySchema, 'suggestion_categories');

/** The list the zone starts with (seeded when the collection is empty). */
export const DEFAULT_CATEGORIES = [
  { _id: 'credit_structure', nameZh: '信贷结构', nameEn: 'Credit structure', nameKo: '신용 구조', nameJa: '与信構造' },
  { _id: 'sme_tech_financing', nameZh: '中小企业和科技型企业融资', nameEn: 'SME and technology-firm financing', nameKo: '중소기업 및 기술기업 금융', nameJa: '中小企業・テクノロジー企業の資金調達' },
  { _id: 'financial_products', nameZh: '金融产品', nameEn: 'Financial products', nameKo: '금융 상품', nameJa: '金融商品' },
  { _id: 'bank_enterprise_info', nameZh: '银企信息对接', nameEn: 'Bank–enterprise information', nameKo: '은행·기업 정보 연계', nameJa: '銀行・企業間の情報連携' },
  { _id: 'financial_environment', nameZh: '金融环境', nameEn: 'Financial environment', nameKo: '금융 환경', nameJa: '金融環境' },
  { _id: 'other', nameZh: '其他', nameEn: 'Other', nameKo: '기타', nameJa: 'その他' },
].map((category, order) => ({ ...category, order }));
