//! Optional sending of the personal links (and of password-reset links) by e-mail (lettre),
//! when an SMTP relay is configured; the CSV for a mail merge works without it. Plain SMTP to a relay the
//! organisation runs (which does TLS onwards): TLS client support would double the build.

use super::token::Secret;
use crate::domain::campaign::{Campaign, Invitee};
use crate::i18n::Lang;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// What a sending did: sent, skipped for want of an address, failed with the reason.
#[derive(Debug, Default)]
pub struct Report {
    pub sent: usize,
    pub without_email: Vec<String>,
    pub failed: Vec<(String, String)>,
}

impl Mailer {
    /// `url` is `smtp://HOST[:PORT]` (port 25 by default); `from` an address, with or
    /// without a display name.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Mailer> {
        let rest = url
            .strip_prefix("smtp://")
            .ok_or_else(|| anyhow::anyhow!("SMTP URL {url:?}: expected smtp://HOST[:PORT] (a relay; no TLS)"))?;
        let rest = rest.trim_end_matches('/');
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| anyhow::anyhow!("SMTP URL {url:?}: bad port {p:?}"))?),
            None => (rest, 25),
        };
        anyhow::ensure!(!host.is_empty(), "SMTP URL {url:?}: no host");
        let from: Mailbox = from.parse().map_err(|e| anyhow::anyhow!("sender address {from:?}: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        Ok(Mailer { transport, from })
    }

    /// Sends each invitee (with an address) its own link; `reminder` words it as a reminder.
    pub async fn send(
        &self,
        campaign: &Campaign,
        invitees: &[&Invitee],
        secret: &Secret,
        base_url: &str,
        reminder: bool,
        notice: &dyn Fn(Lang) -> String,
    ) -> Report {
        let mut report = Report::default();
        // The questionnaire's own title, in each invitee's language.
        let definition = super::definition::parse(&campaign.definition).ok();
        for i in invitees {
            let Some(address) = i.email.as_deref() else {
                report.without_email.push(i.name.clone());
                continue;
            };
            let link =
                format!("{}/s/{}", base_url.trim_end_matches('/'), secret.link(i.invitation_id, i.link_generation));
            let lang = Lang::parse(&i.lang).unwrap_or_default();
            let title = definition.as_ref().map_or(campaign.title.as_str(), |d| d.title.get(lang));
            let (subject, mut body) = letter(campaign, title, &i.name, &link, lang, reminder);
            body.push_str("\n-- \n");
            body.push_str(&notice(lang));
            body.push('\n');
            match self.send_text(address, Some(&i.name), subject, body).await {
                Ok(()) => report.sent += 1,
                Err(e) => report.failed.push((i.name.clone(), e)),
            }
        }
        report
    }

    /// Sends one plain-text message; the error says why it was not sent.
    pub async fn send_text(
        &self,
        address: &str,
        name: Option<&str>,
        subject: String,
        body: String,
    ) -> Result<(), String> {
        let to = address.parse::<Mailbox>().map_err(|e| e.to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(name.map(str::to_owned), to.email))
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}

fn letter(campaign: &Campaign, title: &str, name: &str, link: &str, lang: Lang, reminder: bool) -> (String, String) {
    let closes = crate::i18n::long_date(&campaign.closes_on, lang);
    let kind = if reminder { "reminder" } else { "invitation" };
    (
        crate::i18n::tr!(lang, "mail-invitation-subject", kind = kind, title = title),
        crate::i18n::tr!(
            lang,
            "mail-invitation-body",
            kind = kind,
            name = name,
            title = title,
            link = link,
            closes = closes
        ),
    )
}
