//! `scale generate DIR` writes a data folder of years of use through the crates' own API (the
//! same calls the app makes): cases from stories, contacts and notes on their timelines, and
//! small synthetic screenshots imported into the evidence vault. `scale measure DIR` times what
//! the app does when the user opens it: the case list's first page, the biggest case with its
//! evidence, a self-help search, the home screen's nudges; median of several runs, as TSV on
//! stdout. Speed is measured here, never in tests.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, FixedOffset};
use reachright_api::{cases, gallery, nudges, selfhelp, Call, Intake, Store};
use reachright_core::{Channel, Lang, Outcome};
use reachright_store::{NewContact, NewEvent};
use reachright_vault::{Unlock, Vault};

/// The vault's passphrase in the generated folder (synthetic data; the bench opens it again).
const PASSPHRASE: &str = "scale-bench-passphrase";
/// Cases per page, as the home screen asks (ui/src/screens/Cases.tsx: PAGE + 1).
const PAGE: u32 = 51;

type Res<T> = Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate", dir, rest @ ..] => {
            parse_counts(rest).and_then(|c| generate(Path::new(dir), c))
        }
        ["measure", dir, rest @ ..] => {
            let runs = rest.first().map_or(Ok(15), |r| {
                r.parse()
                    .map_err(|_| format!("runs: {r:?} is not a number"))
            });
            runs.and_then(|r| measure(Path::new(dir), r))
        }
        _ => Err(
            "usage: scale generate DIR [CASES EVENTS EVIDENCE] | scale measure DIR [RUNS]".into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scale: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Clone, Copy)]
struct Counts {
    cases: usize,
    events: usize,
    evidence: usize,
}

fn parse_counts(rest: &[&str]) -> Res<Counts> {
    let n = |i: usize, name: &str, default: usize| -> Res<usize> {
        rest.get(i).map_or(Ok(default), |s| {
            s.parse()
                .map_err(|_| format!("{name}: {s:?} is not a number"))
        })
    };
    Ok(Counts {
        cases: n(0, "cases", 10_000)?,
        events: n(1, "events", 100_000)?,
        evidence: n(2, "evidence", 20_000)?,
    })
}

fn now() -> DateTime<FixedOffset> {
    // Fixed, so two runs build the same folder; the cases go back about three years from here.
    DateTime::parse_from_rfc3339("2026-12-01T12:00:00+08:00").expect("a valid time")
}

const STORIES: &[&str] = &[
    "订单号{n}，今天下午买了{a}元的游戏点卡，付款成功了但是一直没到账，客服也不回",
    "话费充值{a}元显示失败，钱已经扣了，订单{n}，充了三次都失败",
    "买的卡密{n}提示无效，已经被使用了，金额{a}元，要求退款",
    "账号被冻结了，里面还有{a}元余额，订单号{n}，客服说要等审核",
    "订单{n}一直显示处理中，已经三天了，{a}元，想改一下充值账号",
    "申请退款{a}元，订单{n}，商家说不能退，我对处理结果不满意",
];

fn intake(i: usize) -> Intake {
    let story = STORIES[i % STORIES.len()]
        .replace("{n}", &format!("2024{:08}", i))
        .replace("{a}", &format!("{}", 10 + (i * 37) % 990));
    Intake {
        story,
        ..Intake::default()
    }
}

/// A small PNG that differs for every `i` (so every file is a distinct blob, as real screenshots are).
fn png(i: usize) -> Vec<u8> {
    let (w, h) = (48u32, 32u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let v = (i as u32)
            .wrapping_mul(2_654_435_761)
            .wrapping_add(x * 31 + y * 17);
        image::Rgb([v as u8, (v >> 8) as u8, (v >> 16) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("PNG into memory");
    out.into_inner()
}

fn generate(dir: &Path, c: Counts) -> Res<()> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let store = Arc::new(Store::open(dir).map_err(|e| format!("store: {e}"))?);
    if !store
        .list_cases_page(0, 1)
        .map_err(|e| e.to_string())?
        .is_empty()
    {
        return Err(format!(
            "{} already has cases; give an empty folder",
            dir.display()
        ));
    }
    let unlock = Unlock::default().with_passphrase(Some(PASSPHRASE.into()));
    let (vault, _) = Vault::open(store.clone(), &unlock).map_err(|e| format!("vault: {e}"))?;
    let base = now();
    let t0 = Instant::now();

    // Cases, oldest first, about one every 2.6 hours over three years.
    let span = Duration::days(3 * 365);
    let mut ids = Vec::with_capacity(c.cases);
    for i in 0..c.cases {
        let at = base - span + span * (i as i32) / (c.cases.max(1) as i32);
        let row = reachright_domain::record::create(&store, &intake(i), at, Lang::Zh)
            .map_err(|e| format!("case {i}: {e}"))?;
        ids.push((row.id, at));
        if i % 1000 == 999 {
            eprintln!("{} cases ({:.0?})", i + 1, t0.elapsed());
        }
    }
    if ids.is_empty() {
        return Ok(());
    }
    // The biggest case (the newest) gets a tenth of the events and of the evidence; the rest is
    // spread over the others. Every case already has its "created" event, and each evidence item
    // adds one, so contacts and notes make up the remainder.
    let biggest = ids.len() - 1;
    let pick = |k: usize, share_big: bool| {
        if share_big {
            biggest
        } else {
            (k * 7919) % ids.len()
        }
    };

    let opts = gallery::labels("transfer", "").map_err(|e| e.to_string())?;
    for k in 0..c.evidence {
        let (id, at) = &ids[pick(k, k % 10 == 0)];
        let call = Call::new(
            &store,
            *at + Duration::minutes(5 + (k % 50) as i64),
            Lang::Zh,
        );
        let outcome =
            gallery::import_bytes(&call, &vault, id, &format!("shot-{k}.png"), &png(k), &opts)
                .map_err(|e| format!("evidence {k}: {e}"))?;
        if let Some(e) = outcome.error {
            return Err(format!("evidence {k}: {e}"));
        }
        if k % 2000 == 1999 {
            eprintln!("{} evidence items ({:.0?})", k + 1, t0.elapsed());
        }
    }
    let rest = c.events.saturating_sub(c.cases + c.evidence);
    for k in 0..rest {
        let (id, at) = &ids[pick(k, k % 10 == 0)];
        let when = reachright_api::stamp(*at + Duration::minutes(10 + (k % 500) as i64));
        let res = if k % 3 == 0 {
            let channels = [Channel::OnlineChat, Channel::Phone, Channel::Ticket];
            let outcomes = [Outcome::NoResponse, Outcome::Pending, Outcome::Unresolved];
            store
                .add_contact(
                    id,
                    &NewContact {
                        at: when,
                        channel: channels[k % 3].code().into(),
                        outcome: outcomes[(k / 3) % 3].code().into(),
                        note: format!("第{k}次联系"),
                        reference: None,
                        status: None,
                    },
                )
                .map(|_| ())
        } else {
            store
                .add_event(
                    id,
                    &NewEvent {
                        at: when,
                        kind: "note".into(),
                        summary: format!("备注 {k}"),
                        data_json: None,
                    },
                )
                .map(|_| ())
        };
        res.map_err(|e| format!("event {k}: {e}"))?;
        if k % 10_000 == 9_999 {
            eprintln!("{} more events ({:.0?})", k + 1, t0.elapsed());
        }
    }
    eprintln!("done in {:.1?}", t0.elapsed());
    Ok(())
}

/// Median wall time of `runs` calls of `f` (after one untimed call that warms SQLite's cache).
fn time<T>(runs: usize, mut f: impl FnMut() -> Res<T>) -> Res<StdDuration> {
    f()?;
    let mut all = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f()?);
        all.push(t.elapsed());
    }
    all.sort();
    Ok(all[all.len() / 2])
}

fn measure(dir: &Path, runs: usize) -> Res<()> {
    let store = Arc::new(Store::open(dir).map_err(|e| format!("store: {e}"))?);
    let call = Call::new(&store, now(), Lang::Zh);
    // The biggest case: the one with the most timeline events.
    let mut biggest: Option<(usize, String)> = None;
    let mut offset = 0;
    let mut total = 0;
    loop {
        let page = store
            .list_cases_page(offset, 500)
            .map_err(|e| e.to_string())?;
        if page.is_empty() {
            break;
        }
        total += page.len();
        for row in &page {
            let n = store.timeline(&row.id).map_err(|e| e.to_string())?.len();
            if biggest.as_ref().is_none_or(|(m, _)| n > *m) {
                biggest = Some((n, row.id.clone()));
            }
        }
        offset += 500;
    }
    let ms = |d: StdDuration| format!("{:.2}", d.as_secs_f64() * 1000.0);
    println!("what\tms");
    let first = time(runs, || {
        cases::list_page(&call, 0, PAGE).map_err(|e| e.to_string())
    })?;
    println!("case list, first page\t{}", ms(first));
    let nudge = time(runs, || nudges::home(&call).map_err(|e| e.to_string()))?;
    println!("home nudges\t{}", ms(nudge));
    let search = time(runs, || {
        selfhelp::search(&call, "充值失败 钱扣了").map_err(|e| e.to_string())
    })?;
    println!("self-help search\t{}", ms(search));
    // Finding a case: one order number (a single hit, the whole folder read), a word in every
    // sixth case (a page of hits), and a word in none (the whole folder read, nothing shown).
    let order = format!("2024{:08}", total / 2);
    for (what, query) in [
        ("case search, one order number", order.as_str()),
        ("case search, a word in many cases", "话费"),
        ("case search, no match", "不存在的词"),
    ] {
        let found = time(runs, || {
            cases::search(&call, query, 0, PAGE).map_err(|e| e.to_string())
        })?;
        println!("{what}\t{}", ms(found));
    }
    match &biggest {
        Some((events, id)) => {
            let open = time(runs, || cases::detail(&call, id).map_err(|e| e.to_string()))?;
            println!("open the biggest case ({events} events)\t{}", ms(open));
            let unlock = Unlock::default().with_passphrase(Some(PASSPHRASE.into()));
            let (vault, _) =
                Vault::open(store.clone(), &unlock).map_err(|e| format!("vault: {e}"))?;
            let items = store.evidence(id).map_err(|e| e.to_string())?.len();
            let g = time(runs, || {
                gallery::gallery(&call, &vault, id).map_err(|e| e.to_string())
            })?;
            println!("its evidence list ({items} items)\t{}", ms(g));
        }
        None => {
            println!("open the biggest case (none)\t");
            println!("its evidence list (none)\t");
        }
    }
    Ok(())
}
