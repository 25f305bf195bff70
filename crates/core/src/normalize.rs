//! Canonical text for matching.
//!
//! Users of 卡盟 platforms type on phones and PCs, in simplified or traditional script, with
//! full-width or half-width punctuation and with well-known typos (冲值, 到帐, 卡蜜 …). Every rule of
//! the classifier and of [`crate::extract`] is written once, against the canonical form produced
//! here, instead of once per spelling.
//!
//! What [`normalize`] does, in one pass and one allocation:
//!
//! * **Full-width ASCII** (U+FF01..=U+FF5E) becomes half-width, so `ＫＭ８８２３` is `KM8823` and
//!   `，：；！？（）＂` become `,:;!?()"`. ASCII letter case is kept (order ids are case-sensitive).
//! * **Other Chinese punctuation is kept**: `。、“”‘’「」『』【】《》…—` have no ASCII twin
//!   that would not lose meaning (`、` enumerates, `。` ends a sentence). Extraction treats both
//!   `,;!?` and `。…` as clause boundaries, so nothing is lost by folding `，` into `,`.
//! * `￥` becomes `¥`, and the ratio sign `∶` (often typed for a time, `14∶30`) becomes `:`.
//! * **Spaces**: the ideographic space and the other Unicode spaces become `' '`; zero-width
//!   characters (U+200B..U+200D, U+2060, U+FEFF) that copy-paste from chat apps leaves inside order
//!   ids are dropped. Line breaks are kept (they are clause boundaries).
//! * **Traditional → simplified** for the few hundred characters this domain's users type
//!   (`T2S`). 帳/賬 both become 账: in this domain 帳號 always means an account.
//! * **Typos and variants**, as whole two-character words (see `fix_word`): 到帐→到账,
//!   帐号→账号, 冲值→充值, 卡蜜→卡密, 以经/己经→已经 … A rule that would break a real word
//!   (可以经过, 自己经常) is skipped by looking at the character before it.
//!
//! * **Pinyin initials** that buyers type for the words of this domain, as whole ASCII words in any
//!   case (`kf` → 客服, `tk` → 退款, `km` → 卡密, `cz` → 充值, `dz` → 到账), see [`SHORTHAND`]. A
//!   word glued to digits or letters (`KM88230145`, `tkt`) is left alone.
//!
//! [`normalize`] is idempotent: normalising canonical text changes nothing.

/// Traditional → simplified, sorted by the traditional character (binary search). Only characters
/// that are *never* a different everyday simplified character are listed (no 乾, 著, 覆, 甚 …).
#[rustfmt::skip]
const T2S: &[(char, char)] = &[
    ('並', '并'), ('亂', '乱'), ('來', '来'), ('係', '系'), ('俠', '侠'), ('倉', '仓'), ('個', '个'), ('們', '们'),
    ('備', '备'), ('傳', '传'), ('價', '价'), ('億', '亿'), ('儘', '尽'), ('償', '偿'), ('優', '优'), ('儲', '储'),
    ('兌', '兑'), ('內', '内'), ('兩', '两'), ('凍', '冻'), ('別', '别'), ('則', '则'), ('剛', '刚'), ('劃', '划'),
    ('劍', '剑'), ('動', '动'), ('務', '务'), ('勝', '胜'), ('勵', '励'), ('匯', '汇'), ('區', '区'), ('協', '协'),
    ('卻', '却'), ('參', '参'), ('員', '员'), ('問', '问'), ('啓', '启'), ('啟', '启'), ('單', '单'), ('嗎', '吗'),
    ('嘗', '尝'), ('嚇', '吓'), ('嚴', '严'), ('圍', '围'), ('圓', '圆'), ('圖', '图'), ('團', '团'), ('報', '报'),
    ('塊', '块'), ('壓', '压'), ('壞', '坏'), ('夢', '梦'), ('實', '实'), ('寫', '写'), ('寵', '宠'), ('寶', '宝'),
    ('將', '将'), ('專', '专'), ('尋', '寻'), ('對', '对'), ('導', '导'), ('屬', '属'), ('帳', '账'), ('帶', '带'),
    ('幣', '币'), ('幫', '帮'), ('幹', '干'), ('幾', '几'), ('庫', '库'), ('廢', '废'), ('廣', '广'), ('張', '张'),
    ('後', '后'), ('徑', '径'), ('從', '从'), ('復', '复'), ('愛', '爱'), ('態', '态'), ('憑', '凭'), ('憤', '愤'),
    ('憶', '忆'), ('應', '应'), ('懷', '怀'), ('戯', '戏'), ('戰', '战'), ('戲', '戏'), ('戶', '户'), ('掛', '挂'),
    ('換', '换'), ('損', '损'), ('搶', '抢'), ('撥', '拨'), ('擇', '择'), ('擊', '击'), ('擋', '挡'), ('擔', '担'),
    ('據', '据'), ('擬', '拟'), ('擴', '扩'), ('擾', '扰'), ('攜', '携'), ('敗', '败'), ('數', '数'), ('斷', '断'),
    ('於', '于'), ('時', '时'), ('暱', '昵'), ('曆', '历'), ('會', '会'), ('東', '东'), ('條', '条'), ('業', '业'),
    ('榮', '荣'), ('構', '构'), ('樂', '乐'), ('標', '标'), ('樣', '样'), ('機', '机'), ('檔', '档'), ('檢', '检'),
    ('檯', '台'), ('櫃', '柜'), ('權', '权'), ('歡', '欢'), ('歷', '历'), ('歸', '归'), ('殺', '杀'), ('氣', '气'),
    ('決', '决'), ('沒', '没'), ('沖', '冲'), ('況', '况'), ('淨', '净'), ('減', '减'), ('測', '测'), ('準', '准'),
    ('滅', '灭'), ('滿', '满'), ('濟', '济'), ('瀏', '浏'), ('為', '为'), ('無', '无'), ('煩', '烦'), ('熱', '热'),
    ('燈', '灯'), ('營', '营'), ('爭', '争'), ('爲', '为'), ('狀', '状'), ('獎', '奖'), ('獨', '独'), ('獲', '获'),
    ('現', '现'), ('環', '环'), ('產', '产'), ('異', '异'), ('當', '当'), ('發', '发'), ('盜', '盗'), ('盡', '尽'),
    ('監', '监'), ('盤', '盘'), ('眾', '众'), ('確', '确'), ('碼', '码'), ('礙', '碍'), ('禮', '礼'), ('稅', '税'),
    ('種', '种'), ('稱', '称'), ('積', '积'), ('穩', '稳'), ('窮', '穷'), ('竊', '窃'), ('筆', '笔'), ('節', '节'),
    ('範', '范'), ('簡', '简'), ('簽', '签'), ('糾', '纠'), ('紀', '纪'), ('約', '约'), ('紅', '红'), ('紐', '纽'),
    ('純', '纯'), ('紙', '纸'), ('級', '级'), ('紛', '纷'), ('細', '细'), ('終', '终'), ('組', '组'), ('結', '结'),
    ('絕', '绝'), ('絡', '络'), ('給', '给'), ('統', '统'), ('綁', '绑'), ('經', '经'), ('綜', '综'), ('綠', '绿'),
    ('綫', '线'), ('維', '维'), ('網', '网'), ('緊', '紧'), ('緒', '绪'), ('線', '线'), ('緣', '缘'), ('編', '编'),
    ('緩', '缓'), ('練', '练'), ('緻', '致'), ('縮', '缩'), ('縱', '纵'), ('總', '总'), ('績', '绩'), ('織', '织'),
    ('繫', '系'), ('繳', '缴'), ('繼', '继'), ('續', '续'), ('纔', '才'), ('罰', '罚'), ('羅', '罗'), ('義', '义'),
    ('聖', '圣'), ('聞', '闻'), ('聯', '联'), ('聰', '聪'), ('聲', '声'), ('職', '职'), ('聽', '听'), ('腦', '脑'),
    ('臉', '脸'), ('臨', '临'), ('臺', '台'), ('與', '与'), ('舉', '举'), ('舊', '旧'), ('華', '华'), ('萬', '万'),
    ('薦', '荐'), ('藝', '艺'), ('蘋', '苹'), ('處', '处'), ('虛', '虚'), ('號', '号'), ('虧', '亏'), ('衆', '众'),
    ('術', '术'), ('衝', '冲'), ('衹', '只'), ('裏', '里'), ('補', '补'), ('裝', '装'), ('裡', '里'), ('製', '制'),
    ('複', '复'), ('見', '见'), ('規', '规'), ('視', '视'), ('親', '亲'), ('覺', '觉'), ('覽', '览'), ('觀', '观'),
    ('訂', '订'), ('計', '计'), ('訊', '讯'), ('訓', '训'), ('託', '托'), ('記', '记'), ('訪', '访'), ('設', '设'),
    ('訴', '诉'), ('詐', '诈'), ('評', '评'), ('詞', '词'), ('詢', '询'), ('試', '试'), ('話', '话'), ('該', '该'),
    ('詳', '详'), ('誌', '志'), ('認', '认'), ('語', '语'), ('誤', '误'), ('說', '说'), ('説', '说'), ('誰', '谁'),
    ('調', '调'), ('談', '谈'), ('請', '请'), ('論', '论'), ('諮', '咨'), ('諾', '诺'), ('謊', '谎'), ('講', '讲'),
    ('謝', '谢'), ('證', '证'), ('識', '识'), ('議', '议'), ('護', '护'), ('譽', '誉'), ('讀', '读'), ('變', '变'),
    ('讓', '让'), ('讚', '赞'), ('財', '财'), ('貨', '货'), ('責', '责'), ('貴', '贵'), ('買', '买'), ('貸', '贷'),
    ('費', '费'), ('貼', '贴'), ('資', '资'), ('賠', '赔'), ('賣', '卖'), ('質', '质'), ('賬', '账'), ('賴', '赖'),
    ('賺', '赚'), ('購', '购'), ('賽', '赛'), ('贈', '赠'), ('贊', '赞'), ('贏', '赢'), ('趕', '赶'), ('跡', '迹'),
    ('蹤', '踪'), ('軟', '软'), ('較', '较'), ('載', '载'), ('輕', '轻'), ('輛', '辆'), ('輪', '轮'), ('輸', '输'),
    ('轉', '转'), ('辦', '办'), ('辭', '辞'), ('這', '这'), ('連', '连'), ('週', '周'), ('進', '进'), ('遊', '游'),
    ('運', '运'), ('過', '过'), ('達', '达'), ('遞', '递'), ('遠', '远'), ('適', '适'), ('遲', '迟'), ('選', '选'),
    ('遺', '遗'), ('還', '还'), ('邊', '边'), ('郵', '邮'), ('釋', '释'), ('針', '针'), ('鈔', '钞'), ('銀', '银'),
    ('銷', '销'), ('鋪', '铺'), ('鋼', '钢'), ('錄', '录'), ('錢', '钱'), ('錯', '错'), ('錶', '表'), ('鍵', '键'),
    ('鎖', '锁'), ('鎮', '镇'), ('鏈', '链'), ('鏡', '镜'), ('鐘', '钟'), ('鐵', '铁'), ('鑰', '钥'), ('鑽', '钻'),
    ('長', '长'), ('門', '门'), ('閃', '闪'), ('閉', '闭'), ('開', '开'), ('閑', '闲'), ('閒', '闲'), ('間', '间'),
    ('閣', '阁'), ('閱', '阅'), ('闆', '板'), ('關', '关'), ('陣', '阵'), ('陸', '陆'), ('隊', '队'), ('階', '阶'),
    ('際', '际'), ('隨', '随'), ('險', '险'), ('隱', '隐'), ('隻', '只'), ('雖', '虽'), ('雙', '双'), ('雜', '杂'),
    ('離', '离'), ('難', '难'), ('電', '电'), ('靜', '静'), ('響', '响'), ('頁', '页'), ('頂', '顶'), ('項', '项'),
    ('順', '顺'), ('須', '须'), ('預', '预'), ('頓', '顿'), ('領', '领'), ('頭', '头'), ('頻', '频'), ('顆', '颗'),
    ('題', '题'), ('額', '额'), ('顏', '颜'), ('願', '愿'), ('類', '类'), ('顧', '顾'), ('顯', '显'), ('風', '风'),
    ('飛', '飞'), ('飲', '饮'), ('養', '养'), ('餘', '余'), ('馬', '马'), ('騙', '骗'), ('騰', '腾'), ('驗', '验'),
    ('體', '体'), ('髮', '发'), ('鬥', '斗'), ('鬧', '闹'), ('麼', '么'), ('點', '点'), ('龍', '龙'),
];

/// Pinyin initials people type for this domain's words (客服 = kè fú). Only initials that mean
/// nothing else in a complaint are listed: `dd` (订单? 滴滴?) and `zh` (账号? 中文?) are not.
const SHORTHAND: &[(&str, &str)] = &[
    ("cz", "充值"),
    ("dz", "到账"),
    ("kf", "客服"),
    ("km", "卡密"),
    ("tk", "退款"),
];

/// The canonical form of `text` (see the module docs).
#[must_use]
pub fn normalize(text: &str) -> String {
    let out = normalize_chars(text);
    if out.bytes().any(|b| b.is_ascii_alphabetic()) {
        expand_shorthand(&out)
    } else {
        out
    }
}

/// [`SHORTHAND`] words replaced by what they stand for; other text unchanged.
fn expand_shorthand(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphanumeric()) {
        let (head, tail) = rest.split_at(start);
        out.push_str(head);
        let len = tail
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tail.len());
        let (word, after) = tail.split_at(len);
        match SHORTHAND
            .iter()
            .find(|(short, _)| word.eq_ignore_ascii_case(short))
        {
            Some((_, long)) => out.push_str(long),
            None => out.push_str(word),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Character-level canonical form: one pass, one allocation.
fn normalize_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The typo rules look at two characters, so the last mapped character is held back until the
    // next one is known. `out` only ever holds final characters.
    let mut held: Option<char> = None;
    for c in text.chars().filter_map(map_char) {
        held = Some(match held {
            None => c,
            Some(prev) => match fix_word(out.chars().next_back(), prev, c) {
                Some((a, b)) => {
                    out.push(a);
                    b
                }
                None => {
                    out.push(prev);
                    c
                }
            },
        });
    }
    out.extend(held);
    out
}

/// [`normalize`], then ASCII lowercase (`Q币` → `q币`, `VIP` → `vip`): for case-blind keyword
/// matching. Chinese is unaffected.
#[must_use]
pub fn lower(text: &str) -> String {
    let mut s = normalize(text);
    s.make_ascii_lowercase();
    s
}

/// One character's canonical form; `None` drops it.
fn map_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    Some(match c {
        // Full-width ASCII block: a fixed offset from the ASCII character.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{FFE5}' => '¥',
        '\u{2236}' => ':',
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => ' ',
        _ => match T2S.binary_search_by_key(&c, |&(t, _)| t) {
            Ok(i) => T2S[i].1,
            Err(_) => c,
        },
    })
}

/// Typos and variants fixed as whole two-character words: `(a, b)` becomes the returned pair.
/// `before` is the character written just before `a`; it vetoes a fix that would cut a real word
/// (可以|经过, 所以|经常, 自己|经历).
fn fix_word(before: Option<char>, a: char, b: char) -> Option<(char, char)> {
    let fixed = match (a, b) {
        // 帐 (tent) for 账 (account): in this domain it is always the account.
        ('到' | '对' | '查' | '入' | '转' | '记' | '算', '帐') => (a, '账'),
        ('帐', '号' | '户' | '单' | '目' | '务') => ('账', b),
        // 冲 (rush) for 充 (top up), only where the word can only mean topping up: 冲值, 冲钱, and
        // before what is topped up or how it went (冲了328, 冲点券, 冲会员, 冲话费, 冲不进, 冲错).
        ('冲', '值' | '钱' | '币' | '了' | '的' | '点' | '会' | '话' | '进' | '不' | '错') => {
            ('充', b)
        }
        ('卡', '蜜') => ('卡', '密'),
        ('以', '经')
            if !matches!(
                before,
                Some(
                    '可' | '所'
                        | '难'
                        | '得'
                        | '足'
                        | '加'
                        | '予'
                        | '用'
                        | '借'
                        | '何'
                        | '是'
                        | '赖'
                        | '据'
                        | '给'
                        | '免'
                )
            ) =>
        {
            ('已', '经')
        }
        ('己', '经') if !matches!(before, Some('自' | '知' | '利' | '异' | '克' | '舍' | '一')) => {
            ('已', '经')
        }
        ('已', '径') => ('已', '经'),
        _ => return None,
    };
    Some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_becomes_half_width_and_keeps_case() {
        assert_eq!(
            normalize("订单号：ＫＭ８８２３０１４５，谢谢！"),
            "订单号:KM88230145,谢谢!"
        );
        assert_eq!(normalize("（ｑｑ会员）＂ａ＂"), "(qq会员)\"a\"");
        assert_eq!(normalize("14∶30"), "14:30");
    }

    #[test]
    fn chinese_punctuation_is_kept() {
        let s = "到账了吗?没有。“充值失败”、「错误」【通知】《规则》……——";
        assert_eq!(normalize(s), s);
    }

    #[test]
    fn yuan_sign_and_spaces() {
        assert_eq!(normalize("￥100"), "¥100");
        assert_eq!(normalize("a\u{3000}b\u{00A0}c\u{2003}d"), "a b c d");
        assert_eq!(normalize("KM88\u{200B}230145\u{FEFF}"), "KM88230145");
        assert_eq!(normalize("第一行\n第二行"), "第一行\n第二行");
    }

    #[test]
    fn traditional_to_simplified() {
        assert_eq!(normalize("帳號被凍結了"), "账号被冻结了");
        assert_eq!(normalize("訂單還沒發貨"), "订单还没发货");
        assert_eq!(normalize("請給補償,說錯誤碼無效"), "请给补偿,说错误码无效");
        assert_eq!(
            normalize("買賣點卡費話顯過處態戶關閉務對啟動問題張"),
            "买卖点卡费话显过处态户关闭务对启动问题张"
        );
        assert_eq!(normalize("儲值錢盜鎖"), "储值钱盗锁");
    }

    #[test]
    fn typos_are_fixed_as_words() {
        assert_eq!(normalize("还没到帐"), "还没到账");
        assert_eq!(normalize("帐号和帐户"), "账号和账户");
        assert_eq!(normalize("冲值100,冲钱"), "充值100,充钱");
        assert_eq!(
            normalize("冲了328,冲点券冲不进,冲会员冲错号"),
            "充了328,充点券充不进,充会员充错号"
        );
        assert_eq!(normalize("卡蜜无效"), "卡密无效");
        assert_eq!(normalize("以经两天了"), "已经两天了");
        assert_eq!(normalize("我己经等了"), "我已经等了");
    }

    #[test]
    fn typo_rules_do_not_break_real_words() {
        assert_eq!(normalize("可以经过审核"), "可以经过审核");
        assert_eq!(normalize("所以经常失败"), "所以经常失败");
        assert_eq!(normalize("自己经历的"), "自己经历的");
        assert_eq!(normalize("冲突"), "冲突");
        assert_eq!(normalize("冲动消费"), "冲动消费");
        assert_eq!(normalize("蚊帐"), "蚊帐");
    }

    #[test]
    fn pinyin_initials_become_words_only_when_standalone() {
        assert_eq!(normalize("kf快回"), "客服快回");
        assert_eq!(normalize("TK怎么申请"), "退款怎么申请");
        assert_eq!(normalize("Km呢 cz失败 还没dz"), "卡密呢 充值失败 还没到账");
        assert_eq!(normalize("订单KM88230145"), "订单KM88230145");
        assert_eq!(normalize("tkt kfc"), "tkt kfc");
    }

    #[test]
    fn lower_is_normalize_plus_ascii_lowercase() {
        assert_eq!(lower("ＱＱ會員 VIP"), "qq会员 vip");
        assert_eq!(lower(""), "");
    }

    #[test]
    fn table_is_sorted_and_idempotent() {
        assert!(
            T2S.windows(2).all(|w| w[0].0 < w[1].0),
            "T2S must be sorted without duplicates"
        );
        for &(t, s) in T2S {
            assert_ne!(t, s);
            assert!(
                T2S.binary_search_by_key(&s, |&(k, _)| k).is_err(),
                "{s} is both a value and a key"
            );
        }
    }

    #[test]
    fn is_idempotent_on_examples() {
        for s in [
            "到帐号",
            "以以经",
            "冲冲值",
            "帳帳號",
            "可己经",
            "ＫＭ１２　３",
            "kf tk km",
        ] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s}");
        }
    }
}
