//! One triage (classify + extract + recommend + describe) on typical stories; goal < 200 µs median.
//! Run: `cargo bench -p reachright-core --bench triage`.
#![allow(clippy::unwrap_used)] // a test that cannot set up should fail loudly

use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

use reachright_core::classify::classify;
use reachright_core::extract::extract;
use reachright_core::scenario::Scenario;
use reachright_core::triage::triage;
use reachright_core::Lang;

const STORIES: &[&str] = &[
    "订单号20240520001,5月20日14:30购买100元游戏点卡,支付成功后30分钟未到账,订单状态显示'处理中',已刷新页面3次未生效",
    "昨晚十点买的王者荣耀点券到现在还没到,单号202411250033,付了648块,急!!!",
    "给游戏账号充值提示\"充值失败,请稍后重试\",钱却扣了,重试了三次都一样",
    "充值后账号被冻结了,登录不上,提示存在风险交易",
];

fn bench(c: &mut Criterion) {
    let now = DateTime::parse_from_rfc3339("2026-11-25T12:00:00+08:00").unwrap();
    let tz_now = now.with_timezone(&reachright_tz::Tz::SHANGHAI);
    let scenarios: Vec<Scenario> = STORIES
        .iter()
        .map(|s| {
            Scenario::from_value(
                &serde_json::json!({"description": s, "now": "2026-11-25T12:00:00+08:00"}),
            )
            .unwrap()
        })
        .collect();
    // Build the lexicon and regexes once, outside the measurement, as a running app would have.
    let _ = triage(&scenarios[0], now, Lang::Zh);

    c.bench_function("triage/seed_story", |b| {
        b.iter(|| triage(black_box(&scenarios[0]), now, Lang::Zh))
    });
    c.bench_function("triage/four_stories", |b| {
        b.iter(|| {
            scenarios
                .iter()
                .filter(|s| triage(black_box(s), now, Lang::Zh).is_ok())
                .count()
        })
    });
    c.bench_function("classify/seed_story", |b| {
        b.iter(|| classify(black_box(STORIES[0])))
    });
    c.bench_function("extract/seed_story", |b| {
        b.iter(|| extract(black_box(STORIES[0]), tz_now))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
