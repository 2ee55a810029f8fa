// The 26 financial institutions of the model case and their answers to the 2019 invitation.
// Every name, address, email and phone number is invented; emails use reserved `.example` domains.
import type { InstitutionType } from '../institutions/index.js';
import type { Locale } from '../web/i18n.js';

/** A contact person; the first of an institution's contacts is its primary one. */
export interface DemoContact {
  name: string;
  title: string;
  email: string;
  phone: string;
}

/** A delegate; email and phone are taken from the contact of the same name, if any. */
export interface DemoDelegate {
  name: string;
  title: string;
  /** Attending in place of the institution's head ("代为出席"). */
  substituteFor?: string;
}

/** How an institution answered the 2019 invitation; `byPhone` answers were recorded by the organiser. */
export type DemoAnswer =
  | { status: 'pending' }
  | { status: 'declined'; comment: string; byPhone?: boolean }
  | {
      status: 'accepted' | 'tentative';
      delegates: DemoDelegate[];
      comment?: string;
      dietary?: string;
      accessibility?: string;
      byPhone?: boolean;
    };

/** An institution of the fixture; `nameZh` is its stable key. */
export interface DemoInstitution {
  nameZh: string;
  nameEn: string;
  shortName: string;
  type: InstitutionType;
  address: string;
  preferredLocale: Locale;
  contacts: DemoContact[];
  tags: string[];
  notes?: string;
  answer2019: DemoAnswer;
}

const head = (name: string, title = '行长'): DemoDelegate => ({ name, title });

/** The zone's 26 financial institutions. */
export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    nameZh: '瀚海银行股份有限公司蓝湾高新区支行', nameEn: 'Hanhai Bank Co., Ltd., Lanwan High-tech Zone Sub-branch', shortName: '瀚海银行高新区支行',
    type: 'bank', address: '蓝湾高新区汇智路 18 号', preferredLocale: 'zh', tags: ['bank'],
    contacts: [
      { name: '王磊', title: '综合部经理', email: 'wang.lei@hanhai-bank.example', phone: '0532-8561-2301' },
      { name: '李建平', title: '行长', email: 'li.jianping@hanhai-bank.example', phone: '0532-8561-2300' },
    ],
    answer2019: { status: 'accepted', delegates: [head('李建平'), { name: '王磊', title: '综合部经理' }] },
  },
  {
    nameZh: '东澜商业银行蓝湾支行', nameEn: 'Donglan Commercial Bank, Lanwan Sub-branch', shortName: '东澜银行蓝湾支行',
    type: 'bank', address: '蓝湾高新区创新大道 66 号', preferredLocale: 'zh', tags: ['bank'],
    contacts: [
      { name: '张敏', title: '办公室主任', email: 'zhang.min@donglan-bank.example', phone: '0532-8562-1102' },
      { name: '刘洋', title: '行长', email: 'liu.yang@donglan-bank.example', phone: '0532-8562-1100' },
    ],
    answer2019: { status: 'accepted', delegates: [head('刘洋')] },
  },
  {
    nameZh: '北岸农村商业银行高新区支行', nameEn: "Bei'an Rural Commercial Bank, High-tech Zone Sub-branch", shortName: '北岸农商行高新区支行',
    type: 'bank', address: '蓝湾高新区科苑路 9 号', preferredLocale: 'zh', tags: ['bank'],
    contacts: [{ name: '赵丽', title: '公司业务部经理', email: 'zhao.li@beian-rcb.example', phone: '0532-8563-0205' }],
    answer2019: { status: 'accepted', delegates: [head('孙强'), { name: '赵丽', title: '公司业务部经理' }] },
  },
  {
    nameZh: '泰和银行蓝湾科技支行', nameEn: 'Taihe Bank Lanwan Technology Sub-branch', shortName: '泰和银行科技支行',
    type: 'tech_bank_branch', address: '蓝湾高新区智谷一路 3 号', preferredLocale: 'zh', tags: ['bank', 'tech-finance', '2018-new'],
    notes: '2018 年落户高新区，全市第二家科技支行。',
    contacts: [
      { name: '陈晓', title: '科技金融部经理', email: 'chen.xiao@taihe-bank.example', phone: '0532-8564-3301' },
      { name: '周涛', title: '行长', email: 'zhou.tao@taihe-bank.example', phone: '0532-8564-3300' },
    ],
    answer2019: { status: 'accepted', delegates: [head('周涛'), { name: '陈晓', title: '科技金融部经理' }] },
  },
  {
    nameZh: '青禾银行高新区科技支行', nameEn: 'Qinghe Bank High-tech Zone Technology Sub-branch', shortName: '青禾银行科技支行',
    type: 'tech_bank_branch', address: '蓝湾高新区汇智路 52 号', preferredLocale: 'zh', tags: ['bank', 'tech-finance'],
    notes: '全市首家科技支行。',
    contacts: [
      { name: '杨帆', title: '客户经理', email: 'yang.fan@qinghe-bank.example', phone: '0532-8565-4402' },
      { name: '黄志刚', title: '行长', email: 'huang.zhigang@qinghe-bank.example', phone: '0532-8565-4400' },
    ],
    answer2019: { status: 'accepted', delegates: [head('黄志刚'), { name: '杨帆', title: '客户经理' }] },
  },
  {
    nameZh: '世进银行（中国）有限公司蓝湾支行', nameEn: 'Sejin Bank (China) Co., Ltd., Lanwan Sub-branch', shortName: '世进银行蓝湾支行',
    type: 'bank', address: '蓝湾高新区海湾路 120 号', preferredLocale: 'ko', tags: ['bank', 'foreign'],
    contacts: [
      { name: '박지훈 (Park Ji-hoon)', title: '지점장', email: 'jihoon.park@sejin-bank.example', phone: '0532-8566-5500' },
      { name: '김수연 (Kim Su-yeon)', title: '영업팀장', email: 'suyeon.kim@sejin-bank.example', phone: '0532-8566-5501' },
    ],
    answer2019: {
      status: 'accepted',
      delegates: [{ name: '박지훈 (Park Ji-hoon)', title: '지점장' }, { name: '김수연 (Kim Su-yeon)', title: '영업팀장' }],
    },
  },
  {
    nameZh: '樱川银行（中国）有限公司蓝湾支行', nameEn: 'Sakuragawa Bank (China) Co., Ltd., Lanwan Sub-branch', shortName: '樱川银行蓝湾支行',
    type: 'bank', address: '蓝湾高新区海湾路 88 号', preferredLocale: 'ja', tags: ['bank', 'foreign'],
    contacts: [
      { name: '佐藤 健一', title: '支店長', email: 'k.sato@sakuragawa-bank.example', phone: '0532-8567-6600' },
      { name: '中村 美咲', title: '営業課長', email: 'm.nakamura@sakuragawa-bank.example', phone: '0532-8567-6601' },
    ],
    answer2019: {
      status: 'tentative',
      delegates: [{ name: '佐藤 健一', title: '支店長' }],
      comment: '本店の承認を待っております。確定しだいご連絡いたします。',
    },
  },
  {
    nameZh: '凯斯卓银行（中国）有限公司蓝湾支行', nameEn: 'Kestrel Bank (China) Limited, Lanwan Sub-branch', shortName: 'Kestrel Bank',
    type: 'bank', address: '蓝湾高新区海湾路 200 号', preferredLocale: 'en', tags: ['bank', 'foreign'],
    contacts: [
      { name: 'Emma Clarke', title: 'Branch Manager', email: 'emma.clarke@kestrel-bank.example', phone: '0532-8568-7700' },
      { name: 'David Chen', title: 'Relationship Manager', email: 'david.chen@kestrel-bank.example', phone: '0532-8568-7701' },
    ],
    answer2019: { status: 'declined', comment: 'Our branch manager is at head office that week. Please keep us informed of the outcome.' },
  },
  {
    nameZh: '蓝湾惠民村镇银行', nameEn: 'Lanwan Huimin Rural Bank', shortName: '惠民村镇银行',
    type: 'bank', address: '蓝湾高新区创业路 15 号', preferredLocale: 'zh', tags: ['bank'],
    contacts: [{ name: '吴芳', title: '办公室主任', email: 'wu.fang@huimin-bank.example', phone: '0532-8569-0101' }],
    answer2019: { status: 'accepted', delegates: [head('郭峰')] },
  },
  {
    nameZh: '沧澜银行蓝湾分行', nameEn: 'Canglan Bank, Lanwan Branch', shortName: '沧澜银行蓝湾分行',
    type: 'bank', address: '蓝湾高新区汇智路 100 号', preferredLocale: 'zh', tags: ['bank'],
    contacts: [
      { name: '徐静', title: '办公室主任', email: 'xu.jing@canglan-bank.example', phone: '0532-8570-1201' },
      { name: '马骏', title: '行长', email: 'ma.jun@canglan-bank.example', phone: '0532-8570-1200' },
    ],
    answer2019: {
      status: 'accepted',
      delegates: [{ name: '胡斌', title: '副行长', substituteFor: '马骏（行长）' }],
      comment: '马骏行长当日在总行开会，由胡斌副行长代为出席。',
      byPhone: true,
    },
  },
  {
    nameZh: '蓝湾高新区融资担保有限公司', nameEn: 'Lanwan High-tech Zone Financing Guarantee Co., Ltd.', shortName: '高新区融资担保',
    type: 'guarantee', address: '蓝湾高新区创新大道 1 号', preferredLocale: 'zh', tags: ['guarantee'],
    notes: '2018 年注册资本增至 20 亿元，全省规模最大的融资担保机构。',
    contacts: [
      { name: '于海', title: '风控部经理', email: 'yu.hai@lanwan-guarantee.example', phone: '0532-8571-2302' },
      { name: '高峰', title: '总经理', email: 'gao.feng@lanwan-guarantee.example', phone: '0532-8571-2300' },
    ],
    answer2019: { status: 'accepted', delegates: [head('高峰', '总经理'), { name: '于海', title: '风控部经理' }] },
  },
  {
    nameZh: '鼎信融资担保有限公司', nameEn: 'Dingxin Financing Guarantee Co., Ltd.', shortName: '鼎信担保',
    type: 'guarantee', address: '蓝湾高新区科苑路 28 号', preferredLocale: 'zh', tags: ['guarantee'],
    contacts: [{ name: '罗娜', title: '业务部经理', email: 'luo.na@dingxin-guarantee.example', phone: '0532-8572-3401' }],
    answer2019: { status: 'accepted', delegates: [head('梁勇', '总经理')] },
  },
  {
    nameZh: '安泰科技融资担保有限公司', nameEn: 'Antai Technology Financing Guarantee Co., Ltd.', shortName: '安泰科技担保',
    type: 'guarantee', address: '蓝湾高新区智谷二路 6 号', preferredLocale: 'zh', tags: ['guarantee', 'tech-finance'],
    contacts: [{ name: '宋佳', title: '综合部经理', email: 'song.jia@antai-guarantee.example', phone: '0532-8573-4501' }],
    answer2019: { status: 'declined', comment: '公司当日召开股东会，无法派员参加，敬请谅解。' },
  },
  {
    nameZh: '蓝湾政策性小额贷款有限公司', nameEn: 'Lanwan Policy-based Small Loan Co., Ltd.', shortName: '政策性小贷',
    type: 'small_loan', address: '蓝湾高新区创新大道 8 号', preferredLocale: 'zh', tags: ['small-loan', '2018-new'],
    notes: '2018 年设立，全省首家政策性小额贷款公司。',
    contacts: [
      { name: '谢婷', title: '综合部经理', email: 'xie.ting@lanwan-microcredit.example', phone: '0532-8574-5602' },
      { name: '韩磊', title: '总经理', email: 'han.lei@lanwan-microcredit.example', phone: '0532-8574-5600' },
    ],
    answer2019: { status: 'accepted', delegates: [head('韩磊', '总经理'), { name: '谢婷', title: '综合部经理' }], dietary: '韩磊：清真餐' },
  },
  {
    nameZh: '汇融小额贷款有限公司', nameEn: 'Huirong Small Loan Co., Ltd.', shortName: '汇融小贷',
    type: 'small_loan', address: '蓝湾高新区创业路 40 号', preferredLocale: 'zh', tags: ['small-loan'],
    contacts: [{ name: '冯雪', title: '办公室主任', email: 'feng.xue@huirong-loan.example', phone: '0532-8575-6701' }],
    answer2019: { status: 'pending' },
  },
  {
    nameZh: '海岳创业投资有限公司', nameEn: 'Haiyue Venture Capital Co., Ltd.', shortName: '海岳创投',
    type: 'vc_pe_fund', address: '蓝湾高新区智谷一路 21 号', preferredLocale: 'zh', tags: ['vc', '2018-new'],
    contacts: [
      { name: '曹阳', title: '投资总监', email: 'cao.yang@haiyue-vc.example', phone: '0532-8576-7801' },
      { name: '邓凯', title: '合伙人', email: 'deng.kai@haiyue-vc.example', phone: '0532-8576-7800' },
    ],
    answer2019: { status: 'accepted', delegates: [{ name: '邓凯', title: '合伙人' }] },
  },
  {
    nameZh: '星澜股权投资基金合伙企业（有限合伙）', nameEn: 'Xinglan Equity Investment Fund LP', shortName: '星澜基金',
    type: 'vc_pe_fund', address: '蓝湾高新区智谷一路 21 号', preferredLocale: 'zh', tags: ['vc', 'pe'],
    contacts: [{ name: '彭丽', title: '执行事务合伙人委派代表', email: 'peng.li@xinglan-fund.example', phone: '0532-8577-8901' }],
    answer2019: { status: 'accepted', delegates: [{ name: '彭丽', title: '执行事务合伙人委派代表' }, { name: '袁伟', title: '投资经理' }] },
  },
  {
    nameZh: '港光创业投资有限公司', nameEn: 'Harbourlight Ventures Ltd.', shortName: 'Harbourlight Ventures',
    type: 'vc_pe_fund', address: '蓝湾高新区海湾路 66 号', preferredLocale: 'en', tags: ['vc', 'foreign'],
    contacts: [
      { name: 'Oliver Grant', title: 'Managing Partner', email: 'oliver.grant@harbourlight.example', phone: '0532-8578-9000' },
      { name: 'Lin Yue', title: 'Investment Manager', email: 'lin.yue@harbourlight.example', phone: '0532-8578-9001' },
    ],
    answer2019: {
      status: 'accepted',
      delegates: [{ name: 'Oliver Grant', title: 'Managing Partner' }, { name: 'Lin Yue', title: 'Investment Manager' }],
      accessibility: 'Oliver Grant uses a wheelchair: step-free access, please.',
    },
  },
  {
    nameZh: '蓝湾高新区创业投资引导基金', nameEn: 'Lanwan High-tech Zone Venture Capital Guidance Fund', shortName: '创投引导基金',
    type: 'vc_pe_fund', address: '蓝湾高新区创新大道 1 号', preferredLocale: 'zh', tags: ['vc', 'guidance-fund'],
    contacts: [{ name: '蒋涛', title: '基金管理部部长', email: 'jiang.tao@lanwan-guidance-fund.example', phone: '0532-8579-0102' }],
    answer2019: { status: 'accepted', delegates: [{ name: '蒋涛', title: '基金管理部部长' }] },
  },
  {
    nameZh: '澄远私募基金管理有限公司', nameEn: 'Chengyuan Private Fund Management Co., Ltd.', shortName: '澄远基金',
    type: 'fund_manager', address: '蓝湾高新区智谷二路 18 号', preferredLocale: 'zh', tags: ['fund-manager', '2018-new'],
    notes: '已在中国证券投资基金业协会完成私募基金管理人登记。',
    contacts: [
      { name: '沈静', title: '合规负责人', email: 'shen.jing@chengyuan-fund.example', phone: '0532-8580-1202' },
      { name: '韦东', title: '总经理', email: 'wei.dong@chengyuan-fund.example', phone: '0532-8580-1200' },
    ],
    answer2019: { status: 'accepted', delegates: [head('韦东', '总经理')] },
  },
  {
    nameZh: '和煦基金管理有限公司', nameEn: 'Hexu Fund Management Co., Ltd.', shortName: '和煦基金',
    type: 'fund_manager', address: '蓝湾高新区科苑路 66 号', preferredLocale: 'zh', tags: ['fund-manager'],
    contacts: [{ name: '潘婷', title: '市场部经理', email: 'pan.ting@hexu-fund.example', phone: '0532-8581-2301' }],
    answer2019: { status: 'pending' },
  },
  {
    nameZh: '东岳证券股份有限公司蓝湾营业部', nameEn: 'Dongyue Securities Co., Ltd., Lanwan Branch', shortName: '东岳证券蓝湾营业部',
    type: 'securities', address: '蓝湾高新区汇智路 30 号', preferredLocale: 'zh', tags: ['securities'],
    contacts: [{ name: '田野', title: '营业部总经理', email: 'tian.ye@dongyue-sec.example', phone: '0532-8582-3400' }],
    answer2019: {
      status: 'accepted',
      delegates: [{ name: '田野', title: '营业部总经理' }, { name: '贾琳', title: '投资银行部经理' }],
      dietary: '贾琳：素食',
    },
  },
  {
    nameZh: '华岭证券有限责任公司蓝湾营业部', nameEn: 'Hualing Securities Co., Ltd., Lanwan Branch', shortName: '华岭证券蓝湾营业部',
    type: 'securities', address: '蓝湾高新区创新大道 120 号', preferredLocale: 'zh', tags: ['securities'],
    contacts: [{ name: '夏雨', title: '综合管理岗', email: 'xia.yu@hualing-sec.example', phone: '0532-8583-4501' }],
    answer2019: { status: 'declined', comment: '营业部负责人正在调整，本次暂不参会。', byPhone: true },
  },
  {
    nameZh: '安澜财产保险股份有限公司蓝湾支公司', nameEn: 'Anlan Property & Casualty Insurance Co., Ltd., Lanwan Branch', shortName: '安澜财险蓝湾支公司',
    type: 'insurance', address: '蓝湾高新区海湾路 50 号', preferredLocale: 'zh', tags: ['insurance'],
    contacts: [{ name: '钟浩', title: '总经理', email: 'zhong.hao@anlan-insurance.example', phone: '0532-8584-5600' }],
    answer2019: { status: 'accepted', delegates: [{ name: '钟浩', title: '总经理' }] },
  },
  {
    nameZh: '长弘人寿保险股份有限公司蓝湾中心支公司', nameEn: 'Changhong Life Insurance Co., Ltd., Lanwan Central Branch', shortName: '长弘人寿蓝湾中支',
    type: 'insurance', address: '蓝湾高新区科苑路 12 号', preferredLocale: 'zh', tags: ['insurance'],
    contacts: [{ name: '贺敏', title: '总经理助理', email: 'he.min@changhong-life.example', phone: '0532-8585-6702' }],
    answer2019: { status: 'accepted', delegates: [{ name: '贺敏', title: '总经理助理' }] },
  },
  {
    nameZh: '岚峰金融租赁有限公司', nameEn: 'Lanfeng Financial Leasing Co., Ltd.', shortName: '岚峰金租',
    type: 'other', address: '蓝湾高新区创业路 8 号', preferredLocale: 'zh', tags: ['leasing'],
    contacts: [{ name: '邱磊', title: '业务总监', email: 'qiu.lei@lanfeng-leasing.example', phone: '0532-8586-7801' }],
    answer2019: { status: 'accepted', delegates: [{ name: '邱磊', title: '业务总监' }, { name: '段霞', title: '客户经理' }] },
  },
];
