//! What the user wants: refund, resend, compensation, a change, the account back.

use super::*;

lazy_regex!(
    DEMAND = r"(?P<refund>退款|退钱|退回|退给我|退还|退费|退我)|(?P<resend>重发|补发|重新发|再发)|(?P<compensation>补偿|赔偿|赔付|赔钱)|(?P<modify>修改|改一下|更改|改成|改为)|(?P<restore>解封|解冻|解除冻结|恢复账号|恢复账户|找回账号|找回账户)"
);

/// Words right before a demand word that cancel it: 不要退款, 不用补发, 别改, 密码被修改.
pub(super) const NOT_WANTED: &[&str] =
    &["不要", "不想", "不用", "不需要", "不需", "不必", "别", "被"];

/// What the user wants, by the first demand word in the text that is not negated.
pub(super) fn demand(t: &str) -> Option<Demand> {
    DEMAND.captures_iter(t).find_map(|c| {
        let m = c.get(0)?;
        let lead = window_before(t, m.start(), 3);
        if NOT_WANTED.iter().any(|w| lead.contains(w)) {
            return None;
        }
        [
            ("refund", Demand::Refund),
            ("resend", Demand::Resend),
            ("compensation", Demand::Compensation),
            ("modify", Demand::Modify),
            ("restore", Demand::Restore),
        ]
        .into_iter()
        .find_map(|(g, d)| c.name(g).map(|_| d))
    })
}
