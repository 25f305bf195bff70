//! Unit tests of the extractors, one group per fact.

use super::*;

/// 2026-11-25 (a Wednesday) 12:00 in Tz::SHANGHAI.
fn now() -> DateTime<Tz> {
    Tz::SHANGHAI
        .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .expect("valid fixed time")
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime<Tz>> {
    Tz::SHANGHAI.with_ymd_and_hms(y, mo, d, h, mi, s).single()
}

fn x(text: &str) -> Extracted {
    extract(text, now())
}

fn yuan(y: i64) -> Option<Money> {
    Some(Money::from_yuan(y))
}

// --- order id ---

#[test]
fn order_id_after_a_label() {
    assert_eq!(
        x("订单号20240520001,5月20日买的").order_id.as_deref(),
        Some("20240520001")
    );
    assert_eq!(
        x("点卡还没到账,订单号KM88230145").order_id.as_deref(),
        Some("KM88230145")
    );
    assert_eq!(
        x("单号202411250033").order_id.as_deref(),
        Some("202411250033")
    );
    assert_eq!(
        x("订单编号:DD2024112501").order_id.as_deref(),
        Some("DD2024112501")
    );
    assert_eq!(x("订单号是 12345").order_id.as_deref(), Some("12345"));
    assert_eq!(x("交易号为T1234567").order_id.as_deref(), Some("T1234567"));
    assert_eq!(
        x("流水号：９８７６５４３２１０").order_id.as_deref(),
        Some("9876543210")
    );
    assert_eq!(
        x("my order id: AB-2024-0001 is missing")
            .order_id
            .as_deref(),
        Some("AB-2024-0001")
    );
    assert_eq!(x("Order#998877").order_id.as_deref(), Some("998877"));
}

#[test]
fn order_id_standalone() {
    assert_eq!(
        x("KM88230145这单还没到").order_id.as_deref(),
        Some("KM88230145")
    );
    assert_eq!(
        x("DD2024112501 没发货").order_id.as_deref(),
        Some("DD2024112501")
    );
    assert_eq!(
        x("1234567890123 一直没到").order_id.as_deref(),
        Some("1234567890123")
    );
}

#[test]
fn order_id_is_not_a_phone_code_amount_or_date() {
    assert_eq!(x("错误代码E1003").order_id, None);
    assert_eq!(x("错误码1003,error 502").order_id, None);
    assert_eq!(x("我的手机13812345678,联系我").order_id, None);
    assert_eq!(x("电话:13812345678").order_id, None);
    assert_eq!(x("99999999999999999999元").order_id, None);
    assert_eq!(x("¥12345678901").order_id, None);
    assert_eq!(x("订单20241125日买的").order_id, None);
    assert_eq!(x("订单2000元没到").order_id, None);
    assert_eq!(x("订单2024-11-25买的").order_id, None);
    assert_eq!(x("QQ1234567890 充值没到").order_id, None);
    assert_eq!(x("账号1234567890被冻结").order_id, None);
    assert_eq!(x("卡密1234567890123456无效").order_id, None);
    assert_eq!(x("买了3次,每次30分钟").order_id, None);
}

#[test]
fn mobile_number_only_as_last_resort() {
    assert_eq!(
        x("13812345678 KM88230145").order_id.as_deref(),
        Some("KM88230145")
    );
    assert_eq!(
        x("13812345678 没到账").order_id.as_deref(),
        Some("13812345678")
    );
    assert_eq!(
        x("订单号13812345678").order_id.as_deref(),
        Some("13812345678")
    );
}

// --- amount ---

#[test]
fn amount_with_units_and_prefixes() {
    assert_eq!(x("充了100元").amount, yuan(100));
    assert_eq!(x("100块").amount, yuan(100));
    assert_eq!(x("花了100块钱").amount, yuan(100));
    assert_eq!(x("100圆").amount, yuan(100));
    assert_eq!(x("付了¥100").amount, yuan(100));
    assert_eq!(x("付了￥100").amount, yuan(100));
    assert_eq!(x("金额500").amount, yuan(500));
    assert_eq!(x("金额:500").amount, yuan(500));
    assert_eq!(x("金额为500").amount, yuan(500));
    assert_eq!(x("100.5元").amount, Some(Money::from_fen(10050)));
    assert_eq!(x("RMB100").amount, yuan(100));
    assert_eq!(x("100rmb").amount, yuan(100));
    assert_eq!(x("100 CNY").amount, yuan(100));
    assert_eq!(x("两百多块").amount, yuan(200));
}

#[test]
fn amount_in_chinese_numerals_and_multipliers() {
    assert_eq!(x("五十元").amount, yuan(50));
    assert_eq!(x("两百块").amount, yuan(200));
    assert_eq!(x("一百五十元").amount, yuan(150));
    assert_eq!(x("一块钱").amount, yuan(1));
    assert_eq!(x("1千元").amount, yuan(1000));
    assert_eq!(x("2万元").amount, yuan(20000));
    assert_eq!(x("1.5万元").amount, yuan(15000));
}

#[test]
fn amount_that_is_not_the_payment() {
    assert_eq!(x("返回500错误").amount, None);
    assert_eq!(x("试了3次,等了30分钟").amount, None);
    assert_eq!(x("要求补偿5元").amount, None);
    assert_eq!(x("赔偿我10块").amount, None);
    assert_eq!(x("送了5元红包").amount, None);
    assert_eq!(x("给了一个5元优惠券").amount, None);
    assert_eq!(x("返5元").amount, None);
    assert_eq!(x("打了50%折扣").amount, None);
    assert_eq!(x("买了100元宝").amount, None);
    assert_eq!(x("和朋友一块买的").amount, None);
    assert_eq!(x("0元").amount, None);
    assert_eq!(x("99999999999999999999元").amount, None);
}

#[test]
fn first_qualifying_amount_wins() {
    assert_eq!(x("补偿5元不够,我付了100元").amount, yuan(100));
    assert_eq!(x("购买100元游戏点卡,客服说补偿5元").amount, yuan(100));
    assert_eq!(x("订单号20240520001,5月20日买了50元Q币").amount, yuan(50));
    // 点券 is bought with money; only coupon words (优惠券, 代金券…) mark a non-payment.
    assert_eq!(x("买的王者荣耀点券648元到现在没到").amount, yuan(648));
    assert_eq!(x("用了代金券10元").amount, None);
}

#[test]
fn chinese_numerals_parse() {
    assert_eq!(parse_cn("十"), Some(10));
    assert_eq!(parse_cn("十五"), Some(15));
    assert_eq!(parse_cn("二十五"), Some(25));
    assert_eq!(parse_cn("一百零五"), Some(105));
    assert_eq!(parse_cn("一百五"), Some(150));
    assert_eq!(parse_cn("两千五"), Some(2500));
    assert_eq!(parse_cn("一万五"), Some(15000));
    assert_eq!(parse_cn("三十万"), Some(300_000));
    assert_eq!(parse_cn("二零二四"), Some(2024));
    assert_eq!(parse_cn("二三十"), None);
    assert_eq!(parse_cn(""), None);
    assert_eq!(parse_cn("万万万万万万万万万万"), None);
    assert_eq!(parse_cn("十百"), None);
    assert_eq!(parse_cn("二百三十"), Some(230));
}

// --- product ---

#[test]
fn product_with_brand_name() {
    assert_eq!(x("购买100元游戏点卡").product.as_deref(), Some("游戏点卡"));
    assert_eq!(x("买的QQ会员付完钱").product.as_deref(), Some("QQ会员"));
    assert_eq!(x("买了50元Q币").product.as_deref(), Some("Q币"));
    assert_eq!(
        x("买的王者荣耀点券到现在").product.as_deref(),
        Some("王者荣耀点券")
    );
    assert_eq!(
        x("买的steam充值卡卡密没收到").product.as_deref(),
        Some("steam充值卡")
    );
    assert_eq!(x("话费充值失败").product.as_deref(), Some("话费"));
    assert_eq!(
        x("开通的爱奇艺会员没生效").product.as_deref(),
        Some("爱奇艺会员")
    );
    assert_eq!(x("网易一卡通").product.as_deref(), Some("网易一卡通"));
    assert_eq!(
        x("充值原神创世结晶").product.as_deref(),
        Some("原神创世结晶")
    );
    assert_eq!(
        x("和平精英点券没到").product.as_deref(),
        Some("和平精英点券")
    );
    assert_eq!(
        x("买了App Store礼品卡").product.as_deref(),
        Some("App Store礼品卡")
    );
}

#[test]
fn product_prefers_specific_and_falls_back_to_card_key() {
    assert_eq!(x("卡密无效").product.as_deref(), Some("卡密"));
    assert_eq!(
        x("发的卡密是假的,买的是腾讯视频VIP").product.as_deref(),
        Some("腾讯视频VIP")
    );
}

#[test]
fn product_negatives() {
    assert_eq!(x("下午5点卡住了").product, None);
    assert_eq!(x("12月卡死了").product, None);
    assert_eq!(x("我要找VIP客服").product, None);
    assert_eq!(x("我是VIP5").product, None);
    assert_eq!(x("订单号KM88230145还没到账").product, None);
    // A long run without any stop word is a sentence, not a brand.
    assert_eq!(
        x("朋友帮忙弄来什么乱七八糟点券").product.as_deref(),
        Some("点券")
    );
}

// --- occurred_at ---

#[test]
fn month_day_with_time() {
    assert_eq!(
        x("5月20日14:30下的单").occurred_at,
        at(2026, 5, 20, 14, 30, 0)
    );
    assert_eq!(x("5月20号下午3点").occurred_at, at(2026, 5, 20, 15, 0, 0));
    assert_eq!(
        x("5月20日 14点30分").occurred_at,
        at(2026, 5, 20, 14, 30, 0)
    );
    assert_eq!(
        x("订单号20240520001,5月20日买的").occurred_at,
        at(2026, 5, 20, 0, 0, 0)
    );
    assert_eq!(x("五月二十日").occurred_at, at(2026, 5, 20, 0, 0, 0));
    assert_eq!(x("5月20 14:30").occurred_at, at(2026, 5, 20, 14, 30, 0));
    assert_eq!(x("12月30天").occurred_at, None);
}

#[test]
fn month_day_in_the_future_is_last_year() {
    assert_eq!(x("12月1日").occurred_at, at(2025, 12, 1, 0, 0, 0));
    assert_eq!(x("11月26日").occurred_at, at(2026, 11, 26, 0, 0, 0)); // +1 day tolerance
    assert_eq!(x("2月29日").occurred_at, at(2024, 2, 29, 0, 0, 0));
}

#[test]
fn full_dates() {
    assert_eq!(
        x("2024-05-20 14:30").occurred_at,
        at(2024, 5, 20, 14, 30, 0)
    );
    assert_eq!(
        x("2024/5/20 14:30:05").occurred_at,
        at(2024, 5, 20, 14, 30, 5)
    );
    assert_eq!(x("2024年5月20日").occurred_at, at(2024, 5, 20, 0, 0, 0));
    assert_eq!(x("2024.05.20").occurred_at, at(2024, 5, 20, 0, 0, 0));
}

#[test]
fn day_words_and_periods() {
    assert_eq!(x("今天上午10:05").occurred_at, at(2026, 11, 25, 10, 5, 0));
    assert_eq!(x("今天早上8点").occurred_at, at(2026, 11, 25, 8, 0, 0));
    assert_eq!(x("中午12点").occurred_at, at(2026, 11, 25, 12, 0, 0));
    assert_eq!(x("下午3点半").occurred_at, at(2026, 11, 24, 15, 30, 0)); // still ahead today
    assert_eq!(x("晚上7点").occurred_at, at(2026, 11, 24, 19, 0, 0));
    assert_eq!(x("昨天晚上8点").occurred_at, at(2026, 11, 24, 20, 0, 0));
    assert_eq!(x("昨晚十点").occurred_at, at(2026, 11, 24, 22, 0, 0));
    assert_eq!(x("昨晚12点").occurred_at, at(2026, 11, 25, 0, 0, 0));
    assert_eq!(x("前天").occurred_at, at(2026, 11, 23, 0, 0, 0));
    assert_eq!(x("凌晨2点").occurred_at, at(2026, 11, 25, 2, 0, 0));
    assert_eq!(x("凌晨12点").occurred_at, at(2026, 11, 25, 0, 0, 0));
    assert_eq!(x("14:30").occurred_at, at(2026, 11, 24, 14, 30, 0));
    assert_eq!(x("10:15付的款").occurred_at, at(2026, 11, 25, 10, 15, 0));
    assert_eq!(x("3天前下午2点").occurred_at, at(2026, 11, 22, 14, 0, 0));
    assert_eq!(x("下午一点").occurred_at, at(2026, 11, 24, 13, 0, 0));
    assert_eq!(x("上午一点").occurred_at, at(2026, 11, 25, 1, 0, 0));
}

#[test]
fn relative_to_now() {
    let n = now();
    assert_eq!(x("半小时前").occurred_at, Some(n - TimeDelta::minutes(30)));
    assert_eq!(
        x("半个小时前").occurred_at,
        Some(n - TimeDelta::minutes(30))
    );
    assert_eq!(x("30分钟前").occurred_at, Some(n - TimeDelta::minutes(30)));
    assert_eq!(x("两个小时前").occurred_at, Some(n - TimeDelta::hours(2)));
    assert_eq!(
        x("一个半小时前").occurred_at,
        Some(n - TimeDelta::minutes(90))
    );
    assert_eq!(x("3天前").occurred_at, Some(n - TimeDelta::days(3)));
    assert_eq!(x("刚才买的").occurred_at, Some(n));
    assert_eq!(x("刚刚充值").occurred_at, Some(n));
}

#[test]
fn waiting_durations() {
    let n = now();
    assert_eq!(
        x("已经等了两个小时").occurred_at,
        Some(n - TimeDelta::hours(2))
    );
    assert_eq!(
        x("付完钱一个小时了还没到账").occurred_at,
        Some(n - TimeDelta::hours(1))
    );
    assert_eq!(x("都三天了").occurred_at, Some(n - TimeDelta::days(3)));
    // A bare 今天 yields to a duration, and still dates the story when it is alone.
    assert_eq!(
        x("反馈了3天了,今天必须给我一个说法").occurred_at,
        Some(n - TimeDelta::days(3))
    );
    assert_eq!(
        x("一个星期前买的,今天突然失效了").occurred_at,
        Some(n - TimeDelta::days(7))
    );
    assert_eq!(x("今天买的点卡").occurred_at, at(2026, 11, 25, 0, 0, 0));
    // An explicit time wins over the wait.
    assert_eq!(
        x("昨天晚上8点买的,等了两个小时").occurred_at,
        at(2026, 11, 24, 20, 0, 0)
    );
}

#[test]
fn times_that_are_not_times() {
    assert_eq!(x("支付成功后30分钟未到账").occurred_at, None);
    assert_eq!(x("承诺24小时内到账").occurred_at, None);
    assert_eq!(x("2024-13-45").occurred_at, None);
    assert_eq!(x("25:99").occurred_at, None);
    assert_eq!(x("0月0日").occurred_at, None);
    assert_eq!(x("5月20日25:99").occurred_at, None);
    assert_eq!(x("速度快一点").occurred_at, None);
    assert_eq!(x("买了100点券").occurred_at, None);
    assert_eq!(x("晚上客服不在").occurred_at, None);
    assert_eq!(x("等了半天").occurred_at, None);
    assert_eq!(x("99999999天前").occurred_at, None);
    assert_eq!(x("一时半会").occurred_at, None);
    assert_eq!(x("晚上12点前能处理好吗").occurred_at, None);
    assert_eq!(x("14:30之前到账").occurred_at, None);
}

// --- error message ---

#[test]
fn quoted_error_message() {
    assert_eq!(
        x("系统提示\"充值失败,请稍后重试\"")
            .error_message
            .as_deref(),
        Some("充值失败,请稍后重试")
    );
    assert_eq!(
        x("系统提示＂充值失败，请稍后重试＂")
            .error_message
            .as_deref(),
        Some("充值失败,请稍后重试")
    );
    assert_eq!(
        x("页面显示“订单已关闭”").error_message.as_deref(),
        Some("订单已关闭")
    );
    assert_eq!(
        x("弹出一个窗口「账号异常」").error_message.as_deref(),
        Some("账号异常")
    );
    assert_eq!(
        x("报错:'invalid card'").error_message.as_deref(),
        Some("invalid card")
    );
}

#[test]
fn unquoted_error_message() {
    assert_eq!(
        x("提示账号不存在,充值失败了").error_message.as_deref(),
        Some("账号不存在")
    );
    assert_eq!(
        x("报错:余额不足。").error_message.as_deref(),
        Some("余额不足")
    );
    assert_eq!(
        x("提示充值成功但是没到账").error_message.as_deref(),
        Some("充值成功")
    );
    assert_eq!(x("没提示任何东西,就是没到").error_message, None);
}

#[test]
fn error_codes() {
    assert_eq!(
        x("错误代码E1003").error_message.as_deref(),
        Some("错误代码E1003")
    );
    assert_eq!(x("返回500错误").error_message.as_deref(), Some("500错误"));
    assert_eq!(
        x("接口error 502了").error_message.as_deref(),
        Some("error 502")
    );
    assert_eq!(
        x("错误码:1003").error_message.as_deref(),
        Some("错误码:1003")
    );
    assert_eq!(x("订单号20241125000错误").error_message, None);
    assert_eq!(x("买了100元点卡").error_message, None);
}

// --- steps tried ---

#[test]
fn steps_are_clauses_in_order_without_duplicates() {
    assert_eq!(
        x("已刷新页面3次未生效").steps_tried,
        vec!["已刷新页面3次未生效"]
    );
    assert_eq!(
        x("点卡没到,我重新登录了,也清除缓存了,还联系过客服。我重新登录了").steps_tried,
        vec!["我重新登录了", "也清除缓存了", "还联系过客服"]
    );
    assert_eq!(
        x("刷新、重启都试了,没用").steps_tried,
        vec!["刷新、重启都试了"]
    );
    assert_eq!(x("换了浏览器 还是不行").steps_tried, vec!["换了浏览器"]);
    assert_eq!(x("以经联系客服了").steps_tried, vec!["已经联系客服了"]);
    assert_eq!(x("已经等了两个小时").steps_tried, vec!["已经等了两个小时"]);
    assert_eq!(
        x("问过客服,说已经提交了").steps_tried,
        vec!["问过客服", "说已经提交了"]
    );
}

#[test]
fn steps_not_done() {
    assert!(x("还没刷新").steps_tried.is_empty());
    assert!(x("需要重启吗").steps_tried.is_empty());
    assert!(x("还没联系客服").steps_tried.is_empty());
    assert!(x("我想联系客服").steps_tried.is_empty());
    assert!(x("要不要清除缓存?").steps_tried.is_empty());
    assert!(x("系统提示\"充值失败,请稍后重试\"").steps_tried.is_empty());
    assert!(x("买了100元点卡没到账").steps_tried.is_empty());
    assert_eq!(x("版本1.2.3,刷新了").steps_tried, vec!["刷新了"]);
}

// --- demand ---

#[test]
fn demand_by_first_word() {
    assert_eq!(x("我要退款").demand, Some(Demand::Refund));
    assert_eq!(x("把钱退给我").demand, Some(Demand::Refund));
    assert_eq!(x("请尽快补发").demand, Some(Demand::Resend));
    assert_eq!(x("重新发一下卡密").demand, Some(Demand::Resend));
    assert_eq!(x("要求赔偿").demand, Some(Demand::Compensation));
    assert_eq!(x("帮我改一下充值账号").demand, Some(Demand::Modify));
    assert_eq!(x("更改订单信息").demand, Some(Demand::Modify));
    assert_eq!(x("帳號被凍結,請解凍").demand, Some(Demand::Restore));
    assert_eq!(x("希望恢复帐号").demand, Some(Demand::Restore));
    assert_eq!(x("补发或者退款都行").demand, Some(Demand::Resend));
}

#[test]
fn demand_negatives() {
    assert_eq!(x("不要退款,请补发").demand, Some(Demand::Resend));
    assert_eq!(x("密码被修改了").demand, None);
    assert_eq!(x("点卡没到账").demand, None);
}

// --- the whole story ---

#[test]
fn whole_story() {
    let e = x("5月20日下午3点购买100元游戏点卡,订单号KM88230145,系统提示\"充值失败,请稍后重试\",已刷新页面3次未生效,要求退款");
    assert_eq!(e.order_id.as_deref(), Some("KM88230145"));
    assert_eq!(e.amount, yuan(100));
    assert_eq!(e.product.as_deref(), Some("游戏点卡"));
    assert_eq!(e.occurred_at, at(2026, 5, 20, 15, 0, 0));
    assert_eq!(e.error_message.as_deref(), Some("充值失败,请稍后重试"));
    assert_eq!(e.steps_tried, vec!["已刷新页面3次未生效"]);
    assert_eq!(e.demand, Some(Demand::Refund));
}

#[test]
fn empty_and_odd_input() {
    assert_eq!(x(""), Extracted::default());
    let _ = x("\u{0}\u{FFFF}💥,,,。。。\"\"“”");
    let _ = x("٣٤٥٦٧٨٩٠١٢٣元 ٣:٤٥");
}

// --- amounts as people write them (issue 15) ---

fn usd(cents: i64) -> Option<Amount> {
    Some(Amount {
        value: Money::from_fen(cents),
        currency: Currency::Usd,
    })
}

#[test]
fn bare_number_after_a_top_up_verb_is_yuan() {
    assert_eq!(x("刚冲了328 登游戏提示异常").amount, yuan(328));
    assert_eq!(x("充了198的王者点券").amount, yuan(198));
    assert_eq!(x("一口气充了1000,一分没到").amount, yuan(1000));
    assert_eq!(x("充值198 订单状态失败").amount, yuan(198));
    assert_eq!(x("充50的提示运营商充值失败").amount, yuan(50));
    assert_eq!(x("昨天充了两百").amount, yuan(200));
    assert_eq!(x("买了648").amount, yuan(648));
}

#[test]
fn bare_number_that_counts_something_is_not_money() {
    assert_eq!(x("充了3次都失败").amount, None);
    assert_eq!(x("买了两张卡").amount, None);
    assert_eq!(x("充了100点券没到").amount, None);
    assert_eq!(x("买了10张网易一卡通").amount, None);
    assert_eq!(x("充了一下没反应").amount, None);
    assert_eq!(x("充了30q币").amount, None);
    assert_eq!(x("充的13800138000这个号").amount, None);
    assert_eq!(x("买的2024-05-20那单").amount, None);
    assert_eq!(x("充了60钻石").amount, None);
    assert_eq!(x("充了5分钟了").amount, None);
}

#[test]
fn kuai_before_a_noun_is_the_price() {
    assert_eq!(x("买的200块点券 游戏里一直没到账").amount, yuan(200));
    assert_eq!(x("给我妈充的80块话费没到").amount, yuan(80));
}

#[test]
fn tenths_after_kuai() {
    assert_eq!(x("花了5块5").amount, Some(Money::from_fen(550)));
    assert_eq!(x("一共3块2毛").amount, Some(Money::from_fen(320)));
    assert_eq!(x("10元5角的优惠").amount, None); // a discount, as before
    assert_eq!(x("付了10元5角").amount, Some(Money::from_fen(1050)));
    assert_eq!(x("买了5块5张的卡").amount, yuan(5));
    assert_eq!(x("100元2024年买的").amount, yuan(100));
    assert_eq!(x("648元3次").amount, yuan(648));
}

#[test]
fn ranges_take_the_middle() {
    assert_eq!(x("买了两三百的游戏币").amount, yuan(250));
    assert_eq!(x("昨天下午买的两三百块钱的点券").amount, yuan(250));
    assert_eq!(x("七八十块").amount, Some(Money::from_yuan(75)));
    assert_eq!(x("一两千元").amount, yuan(1500));
    assert_eq!(x("三五百块").amount, yuan(400));
    assert_eq!(parse_cn_range_fen("两三"), None);
    assert_eq!(parse_cn_range_fen("三二百"), None);
    assert_eq!(parse_cn_range_fen("二百"), None);
}

#[test]
fn thousands_separators() {
    assert_eq!(x("支付宝付款1,000元").amount, yuan(1000));
    assert_eq!(x("刚买的1,000元元宝还没用").amount, yuan(1000));
    assert_eq!(
        x("一共12,800.50元").amount,
        Some(Money::from_fen(1_280_050))
    );
    assert_eq!(x("充了1,000").amount, yuan(1000));
}

#[test]
fn dollars_stay_dollars() {
    let e = x("my order for Steam wallet $20 is paid but no code");
    assert_eq!((e.amount, e.amount_foreign), (None, usd(2000)));
    assert_eq!(x("美区账号,$20的").amount_foreign, usd(2000));
    assert_eq!(x("付了19.99美元").amount_foreign, usd(1999));
    assert_eq!(x("充了50刀").amount_foreign, usd(5000));
    assert_eq!(x("paid 15 US dollars").amount_foreign, usd(1500));
    assert_eq!(x("USD 9.99").amount_foreign, usd(999));
    assert_eq!(x("US$1,200").amount_foreign, usd(120_000));
    assert_eq!(x("帮我砍一刀").amount_foreign, None);
    assert_eq!(x("充了50刀").amount, None);
}

#[test]
fn the_first_amount_wins_across_readings() {
    let e = x("付了100元,后来又充了$20");
    assert_eq!((e.amount, e.amount_foreign), (yuan(100), None));
    let e = x("$20的卡,页面写着145元");
    assert_eq!((e.amount, e.amount_foreign), (None, usd(2000)));
    assert_eq!(x("补偿了50,我充了328").amount, yuan(328));
}

// --- dates as people write them (issue 15) ---

#[test]
fn day_of_month_alone() {
    assert_eq!(
        x("25号买的爱奇艺年卡").occurred_at,
        at(2026, 11, 25, 0, 0, 0)
    );
    assert_eq!(
        x("20号晚上8点下的单").occurred_at,
        at(2026, 11, 20, 20, 0, 0)
    );
    // Ahead of today (+1 day tolerance) means last month.
    assert_eq!(x("28号下的单").occurred_at, at(2026, 10, 28, 0, 0, 0));
    assert_eq!(x("二十号付的款").occurred_at, at(2026, 11, 20, 0, 0, 0));
    assert_eq!(x("3号线").occurred_at, None);
    assert_eq!(x("订单尾号4471").occurred_at, None);
    assert_eq!(x("1号店买的").occurred_at, None);
    assert_eq!(x("45号").occurred_at, None);
    assert_eq!(
        recent_day(NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(), 31),
        NaiveDate::from_ymd_opt(2026, 3, 31)
    );
}

#[test]
fn dotted_month_day() {
    assert_eq!(
        x("11.25买的优酷兑换码").occurred_at,
        at(2026, 11, 25, 0, 0, 0)
    );
    assert_eq!(
        x("显示卡已在11.25 14:03被使用").occurred_at,
        at(2026, 11, 25, 14, 3, 0)
    );
    assert_eq!(x("说是5.20统一发").occurred_at, at(2026, 5, 20, 0, 0, 0));
    assert_eq!(x("12.01下单").occurred_at, at(2025, 12, 1, 0, 0, 0));
    assert_eq!(x("11.5号").occurred_at, at(2026, 11, 5, 0, 0, 0));
    for price in [
        "9.9包邮",
        "11.25元",
        "1.25万",
        "v1.25版本",
        "19.99",
        "1.2.30",
        "¥11.25",
        "2.50倍",
    ] {
        assert_eq!(x(price).occurred_at, None, "{price}");
    }
}

// --- contacts told in the story (issue 15) ---

fn told(text: &str) -> Vec<(Channel, ContactOutcome)> {
    x(text)
        .contacts
        .iter()
        .map(|c| (c.channel, c.outcome))
        .collect()
}

use crate::taxonomy::Channel;

#[test]
fn contacts_with_their_outcomes() {
    use ContactOutcome::*;
    assert_eq!(told("邮件发了三天没人理"), [(Channel::Email, NoAnswer)]);
    assert_eq!(
        told("找了好几次客服都没解决"),
        [(Channel::OnlineChat, Unresolved)]
    );
    assert_eq!(
        told("客服说不能退 凭什么"),
        [(Channel::OnlineChat, Refused)]
    );
    assert_eq!(told("电话一直占线"), [(Channel::Phone, Busy)]);
    assert_eq!(
        told("在线客服一直是机器人"),
        [(Channel::OnlineChat, BotOnly)]
    );
    assert_eq!(
        told("说好回电话,到现在也没打"),
        [(Channel::Phone, NoAnswer)]
    );
    assert_eq!(
        told("电话一直占线 在线客服一直是机器人"),
        [(Channel::Phone, Busy), (Channel::OnlineChat, BotOnly)]
    );
    assert_eq!(
        told("售后把我的工单直接关了"),
        [(Channel::Ticket, Unresolved)]
    );
    assert_eq!(told("退款申请被驳回了"), [(Channel::Ticket, Refused)]);
    assert_eq!(told("kf也不回消息"), [(Channel::OnlineChat, NoAnswer)]);
    assert_eq!(
        told("打了专属客服的电话 没人接"),
        [(Channel::VipExclusive, NoAnswer)]
    );
}

#[test]
fn mentions_that_are_not_contacts() {
    for text in [
        "请联系客服",
        "客服说会尽快处理",
        "电话号码填错了没解决",
        "邮件里没有卡密",
        "请问客服这个不能退吗",
        "客服,能不能退?",
        "充值失败了",
    ] {
        assert_eq!(told(text), [], "{text}");
    }
}

#[test]
fn contact_counts_and_times() {
    let c = &x("邮件发了三天没人理").contacts[0];
    assert_eq!(c.at, at(2026, 11, 22, 12, 0, 0));
    assert_eq!(c.matched, "邮件发了三天没人理");
    assert!(!c.repeated);
    let c = &x("打了三次电话都没人接").contacts[0];
    assert_eq!((c.attempts, c.repeated), (Some(3), true));
    let c = &x("找了好几次客服都没解决").contacts[0];
    assert_eq!((c.attempts, c.repeated), (None, true));
    let c = &x("两个小时前问了客服 说不能退").contacts[0];
    assert_eq!(c.at, at(2026, 11, 25, 10, 0, 0));
    assert_eq!(
        c.outcome.history_outcome(),
        crate::taxonomy::Outcome::Dissatisfied
    );
}

#[test]
fn outcome_in_the_next_clause_when_it_names_no_channel() {
    assert_eq!(
        told("发了邮件,到现在没人回"),
        [(Channel::Email, ContactOutcome::NoAnswer)]
    );
    // The next clause names its own channel: it is its own contact, not the first one's outcome.
    assert_eq!(
        told("发了邮件,客服不回"),
        [(Channel::OnlineChat, ContactOutcome::NoAnswer)]
    );
}
