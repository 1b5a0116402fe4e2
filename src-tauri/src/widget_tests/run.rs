//! One widget test inside the app (`widget-host --run-test FILE --test-result OUT`, started by
//! `widget-host test` in a fresh app state): waits until every widget has mounted, runs the
//! steps against the real window, checks each expectation against the host's log (calls,
//! deliveries, widget errors) or the widgets' DOM, takes a screenshot at each failure, writes
//! the outcome and exits.
//!
//! Expectations look at what happened since the last step that acted; a failed expectation is
//! reported and the test goes on, a step that cannot act stops it (what follows would only
//! report its consequences).

use super::outcome::{Failure, Outcome};
use super::sought::{Sought, Who};
use crate::log::{Entry, Kind, Level};
use crate::owners::Owner;
use crate::pipeline::{self, Source};
use crate::session::Change;
use crate::state::AppState;
use crate::webview::{eval::eval, screenshot};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager, Runtime};
use widget_host_core::ids::InstanceId;
use widget_host_core::test_file::{self, Cards, Outcome as CallOutcome, Step, TestFile};

/// How long the widgets get to mount before the first step.
const READY_WITHIN: Duration = Duration::from_secs(30);

/// A test to run in this app.
pub struct Job {
    /// The file, for the outcome.
    pub file: PathBuf,
    /// Its steps.
    pub test: TestFile,
    /// Where the outcome goes.
    pub result: PathBuf,
    /// Where failure screenshots go.
    pub screenshots: PathBuf,
}

/// Reads the test named on the command line.
pub fn job(file: PathBuf, result: PathBuf, screenshots: PathBuf) -> Result<Job, String> {
    let test = test_file::load(&file).map_err(|e| e.to_string())?;
    Ok(Job {
        file,
        test,
        result,
        screenshots,
    })
}

/// Runs the test on a worker thread, writes the outcome and exits the app.
pub fn spawn<R: Runtime>(app: AppHandle<R>, job: Job) {
    std::thread::spawn(move || {
        let started = Instant::now();
        let mut run = Run {
            app: &app,
            job: &job,
            cards: Cards::default(),
            mark: 0,
            failures: Vec::new(),
        };
        run.all();
        let outcome = Outcome {
            name: job.test.name.clone(),
            file: job.file.clone(),
            passed: run.failures.is_empty(),
            ms: started.elapsed().as_millis() as u64,
            steps: job.test.steps.len(),
            failures: run.failures,
        };
        let text = serde_json::to_string_pretty(&outcome).unwrap_or_default();
        if let Err(e) = std::fs::write(&job.result, text) {
            eprintln!(
                "widget-host: cannot write the test result {}: {e}",
                job.result.display()
            );
        }
        app.exit(0);
    });
}

struct Run<'a, R: Runtime> {
    app: &'a AppHandle<R>,
    job: &'a Job,
    cards: Cards,
    /// The newest log row before the last step that acted.
    mark: u64,
    failures: Vec<Failure>,
}

impl<R: Runtime> Run<'_, R> {
    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// The instances of `widget` and of the card `interaction` names.
    fn who(&self, widget: &Option<String>, interaction: &Option<String>) -> Result<Who, String> {
        let card = match interaction {
            Some(c) => Some((self.cards.resolve(Some(c))?, c.clone())),
            None => None,
        };
        Ok(Who {
            widget: widget.clone(),
            card,
        })
    }

    fn all(&mut self) {
        if let Err(e) = self.ready() {
            self.fail(None, e);
            return;
        }
        let within = self
            .job
            .test
            .within_ms
            .unwrap_or(test_file::DEFAULT_WITHIN_MS);
        for (i, step) in self.job.test.steps.iter().enumerate() {
            let n = i + 1;
            if step.is_expectation() {
                if let Err(e) = self.expect(step, within) {
                    self.fail(Some((n, step)), e);
                }
            } else {
                self.mark = self.state().host.last_seq();
                if let Err(e) = self.act(step) {
                    self.fail(Some((n, step)), e);
                    return;
                }
            }
        }
    }

    fn fail(&mut self, at: Option<(usize, &Step)>, message: String) {
        let name = match at {
            Some((n, _)) => format!("step-{n}.png"),
            None => "start.png".into(),
        };
        let file = self.job.screenshots.join(name);
        let screenshot = match screenshot::window(self.app, &file) {
            Ok(_) => Some(file),
            Err(e) => {
                eprintln!("widget-host: no screenshot of the failure: {e}");
                None
            }
        };
        self.failures.push(Failure {
            step: at.map(|(n, _)| n),
            tag: at.map(|(_, s)| s.tag()),
            message,
            screenshot,
        });
    }

    /// The page an instance's element is on, as `eval` names it: scripts find the element by
    /// its instance id, so nothing is set on the shared page's `window` (the clash watch would
    /// see it).
    fn page(&self, id: &InstanceId) -> String {
        let page = self.state().pages.page_of(id);
        if page == *id {
            id.to_string()
        } else {
            crate::label::PAGE.to_string()
        }
    }

    /// Every instance's element is on its page and defined.
    fn ready(&self) -> Result<(), String> {
        let state = self.state();
        let until = Instant::now() + READY_WITHIN;
        loop {
            let waiting = self.not_mounted();
            let Some(why) = waiting else {
                return Ok(());
            };
            if Instant::now() >= until {
                let problems: Vec<String> = state
                    .session
                    .problems()
                    .iter()
                    .map(|p| p.to_string())
                    .collect();
                let more = if problems.is_empty() {
                    String::new()
                } else {
                    format!("; problems: {}", problems.join("; "))
                };
                return Err(format!(
                    "the widgets did not start within {} s: {why}{more}",
                    READY_WITHIN.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn not_mounted(&self) -> Option<String> {
        let state = self.state();
        if !state.host.is_attached() {
            return Some("the host UI has not started".into());
        }
        let ids = state.session.all_instances();
        if ids.is_empty() {
            return Some("no widget is placed (check the library and its layout)".into());
        }
        for id in ids {
            let page = state.pages.page_of(&id);
            if !state.pages.is_ready(&page) {
                return Some(format!("the page of `{id}` has not started"));
            }
            let idj = json!(id.as_str());
            let js = format!("(() => {{ {ELEMENT_OF} const e = elementOf({idj}); return !!e && !!customElements.get(e.localName); }})()");
            if eval(self.app, &self.page(&id), &js).ok() != Some(Value::Bool(true)) {
                return Some(format!("`{id}` has not mounted its element"));
            }
        }
        None
    }

    fn act(&mut self, step: &Step) -> Result<(), String> {
        match step {
            Step::Navigate { to } => self.navigate(to),
            Step::Click {
                selector,
                widget,
                interaction,
            } => self.in_widget(
                &self.who(widget, interaction)?,
                selector,
                "e.click(); return true;",
            ),
            Step::Type {
                selector,
                text,
                widget,
                interaction,
            } => {
                let text = serde_json::to_string(text).unwrap_or_default();
                // Through the prototype's setter, so frameworks that track the value see it.
                let js = format!("const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype; const d = Object.getOwnPropertyDescriptor(proto, 'value'); if (d && d.set && (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement)) d.set.call(e, {text}); else if (e.isContentEditable) e.textContent = {text}; else return 'not an input, textarea or editable element: <' + e.localName + '>'; e.dispatchEvent(new Event('input', {{ bubbles: true, composed: true }})); e.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;");
                self.in_widget(&self.who(widget, interaction)?, selector, &js)
            }
            Step::CallElement {
                widget,
                method,
                args,
            } => self.call_element(widget, method, args),
            Step::Wait { ms } => {
                std::thread::sleep(Duration::from_millis(*ms));
                Ok(())
            }
            other => {
                let Some(action) = test_file::action_of(other, &self.cards)? else {
                    return Err(format!("`{}` is not a step this host can run", other.tag()));
                };
                let before = matches!(other, Step::Start { .. })
                    .then(|| self.state().session.interaction_ids());
                pipeline::run(self.app, Source::Test, Change::Action(action))
                    .map_err(|e| format!("refused ({}): {}", e.code, e.message))?;
                // New cards bring their tabs' widgets: a person sees them before acting on.
                self.ready()?;
                if let (Step::Start { name, .. }, Some(before)) = (other, before) {
                    let new = self
                        .state()
                        .session
                        .card_started_since(&before)
                        .ok_or("the card was not created")?;
                    self.cards.started(new, name.as_deref());
                }
                Ok(())
            }
        }
    }

    /// Clicks the sidebar icon, as a person does: the host UI switches view and tells the host.
    fn navigate(&self, to: &str) -> Result<(), String> {
        let (views, _) = self.state().session.layout();
        let view = views
            .iter()
            .find(|v| v.id == to || v.name.eq_ignore_ascii_case(to))
            .ok_or_else(|| {
                let known: Vec<String> = views.iter().map(|v| format!("`{}`", v.id)).collect();
                format!("no sidebar link `{to}`; the links are {}", known.join(", "))
            })?;
        let sel = serde_json::to_string(&format!(
            "#sidebar [data-view=\"{}\"]",
            view.id.replace('"', "\\\"")
        ))
        .unwrap_or_default();
        let clicked = eval(
            self.app,
            crate::label::HOST,
            &format!("(() => {{ const b = document.querySelector({sel}); if (!b) return false; b.click(); return true; }})()"),
        )?;
        if clicked != Value::Bool(true) {
            return Err(format!("the sidebar has no icon for `{}`", view.id));
        }
        Ok(())
    }

    /// The instances a step means, those on screen first.
    fn instances(&self, who: &Who) -> Result<Vec<InstanceId>, String> {
        let state = self.state();
        let mut out: Vec<(bool, InstanceId)> = Vec::new();
        for id in state.session.all_instances() {
            let Some(m) = state.session.mount(&id) else {
                continue;
            };
            let owner = Owner {
                widget: m.loaded.widget.id.to_string(),
                interaction: m.interaction.clone(),
            };
            if !who.owns(&owner) {
                continue;
            }
            let page = state.pages.page_of(&id);
            let shown = if page == id {
                state.pages.slot(&id).is_some_and(|s| s.visible)
            } else {
                let idj = json!(id.as_str());
                let js = format!("(() => {{ {ELEMENT_OF} const e = elementOf({idj}); return !!e && !e.closest('[hidden]'); }})()");
                eval(self.app, &self.page(&id), &js).ok() == Some(Value::Bool(true))
            };
            out.push((!shown, id));
        }
        if out.is_empty() {
            if let Some((_, c)) = &who.card {
                let what = who
                    .widget
                    .as_deref()
                    .map_or("widget".to_string(), |w| format!("`{w}`"));
                return Err(format!(
                    "no {what} is placed on card `{c}` (is the card still open, and its tab in the layout?)"
                ));
            }
            return Err(match &who.widget {
                Some(w) => {
                    let placed: Vec<String> = state
                        .session
                        .all_instances()
                        .iter()
                        .filter_map(|i| state.session.mount(i))
                        .map(|m| m.loaded.widget.id.to_string())
                        .collect();
                    format!(
                        "no widget `{w}` is placed; placed: {}",
                        if placed.is_empty() {
                            "none".into()
                        } else {
                            placed.join(", ")
                        }
                    )
                }
                None => "no widget is placed".into(),
            });
        }
        out.sort_by_key(|(hidden, _)| *hidden);
        Ok(out.into_iter().map(|(_, id)| id).collect())
    }

    /// Runs `body` (JavaScript with the element found as `e`) on the first element matching
    /// `selector` in the widgets meant; its value `true` is success, a string says what failed.
    fn in_widget(&self, who: &Who, selector: &str, body: &str) -> Result<(), String> {
        let sel = serde_json::to_string(selector).unwrap_or_default();
        for id in self.instances(who)? {
            let idj = json!(id.as_str());
            let js = format!("(() => {{ {ELEMENT_OF} {DEEP_QUERY} const root = elementOf({idj}); if (!root) return null; const e = deepFindAll(root, {sel})[0]; if (!e) return null; {body} }})()");
            match eval(self.app, &self.page(&id), &js)? {
                Value::Null => continue,
                Value::Bool(true) => return Ok(()),
                Value::String(why) => return Err(format!("{selector}: {why}")),
                other => return Err(format!("{selector}: {other}")),
            }
        }
        Err(format!(
            "no element matches `{selector}` in {} (open shadow roots searched; inside a closed one, use `callElement` with a method the element exposes)",
            match (&who.widget, &who.card) {
                (None, None) => "any widget".to_string(),
                (None, Some((_, c))) => format!("the widgets of card `{c}`"),
                _ => who.name(),
            }
        ))
    }

    fn call_element(&self, widget: &str, method: &str, args: &[Value]) -> Result<(), String> {
        let args = serde_json::to_string(&self.cards.substitute(&Value::Array(args.to_vec())))
            .unwrap_or_default();
        let name = serde_json::to_string(method).unwrap_or_default();
        let id = self
            .instances(&Who::widget(&Some(widget.to_owned())))?
            .remove(0);
        let idj = json!(id.as_str());
        let js = format!("(() => {{ {ELEMENT_OF} const e = elementOf({idj}); if (!e) return 'the element is not on the page'; if (typeof e[{name}] !== 'function') return '<' + e.localName + '> has no method ' + {name}; const r = e[{name}](...{args}); return r === undefined ? null : r; }})()");
        match eval(self.app, &self.page(&id), &js)? {
            Value::String(why)
                if why.starts_with("the element") || why.contains("has no method") =>
            {
                Err(why)
            }
            _ => Ok(()),
        }
    }

    fn expect(&self, step: &Step, within: u64) -> Result<(), String> {
        match step {
            Step::ExpectCall {
                method,
                widget,
                interaction,
                args,
                args_match,
                outcome,
                code,
                times,
                within: w,
            } => {
                let args = args.as_ref().map(|a| self.cards.substitute(a));
                let re = args_match
                    .as_deref()
                    .map(regex::Regex::new)
                    .transpose()
                    .map_err(|e| e.to_string())?;
                let who = self.who(widget, interaction)?;
                let sought = Sought {
                    kind: Kind::Call,
                    name: method,
                    who: &who,
                    pattern: args.as_ref(),
                };
                let wanted = |e: &Entry| {
                    sought.fits(e)
                        && re.as_ref().is_none_or(|r| {
                            r.is_match(&serde_json::to_string(sought.got(e)).unwrap_or_default())
                        })
                        && match (outcome, code) {
                            (_, Some(c)) => e.code.as_deref() == Some(c.as_str()),
                            (Some(CallOutcome::Refused), None) => e.code.is_some(),
                            (Some(CallOutcome::Resolved), None) => e.code.is_none(),
                            (None, None) => true,
                        }
                };
                self.wait_for_row(w.unwrap_or(within), &sought, *times, wanted)
                    .map_err(|seen| {
                        let mut m = format!("{} `{method}`", who.negated("call"));
                        if let Some(a) = &args {
                            m.push_str(&format!(" with arguments matching {a}"));
                        }
                        if let Some(r) = args_match {
                            m.push_str(&format!(" with arguments matching /{r}/"));
                        }
                        if let Some(c) = code {
                            m.push_str(&format!(" refused with `{c}`"));
                        } else if let Some(o) = outcome {
                            m.push_str(&format!(" ({o:?})").to_lowercase());
                        }
                        missed(m, *times, w.unwrap_or(within), &seen)
                    })
            }
            Step::ExpectNoCall {
                method,
                widget,
                interaction,
                for_ms,
            } => {
                let who = self.who(widget, interaction)?;
                let sought = Sought {
                    kind: Kind::Call,
                    name: method,
                    who: &who,
                    pattern: None,
                };
                match self.first_within(*for_ms, &sought, |_| true) {
                    Some(e) => Err(format!(
                        "{} called `{method}` with {}",
                        self.named(&e),
                        shown(sought.got(&e))
                    )),
                    None => Ok(()),
                }
            }
            Step::ExpectNoEvent {
                event,
                widget,
                interaction,
                matches,
                for_ms,
            } => {
                let who = self.who(widget, interaction)?;
                let matches = matches.as_ref().map(|m| self.cards.substitute(m));
                let sought = Sought {
                    kind: Kind::Delivery,
                    name: event,
                    who: &who,
                    pattern: matches.as_ref(),
                };
                match self.first_within(*for_ms, &sought, |e| sought.fits(e)) {
                    Some(e) => Err(format!(
                        "{} received `{event}`: {}",
                        self.named(&e),
                        shown(&sought.project(&e.detail))
                    )),
                    None => Ok(()),
                }
            }
            Step::ExpectEvent {
                event,
                widget,
                interaction,
                matches,
                times,
                within: w,
            } => {
                let matches = matches.as_ref().map(|m| self.cards.substitute(m));
                let who = self.who(widget, interaction)?;
                let sought = Sought {
                    kind: Kind::Delivery,
                    name: event,
                    who: &who,
                    pattern: matches.as_ref(),
                };
                self.wait_for_row(w.unwrap_or(within), &sought, *times, |e| sought.fits(e))
                    .map_err(|seen| {
                        let mut m = format!("{} `{event}`", who.negated("receive"));
                        if let Some(p) = &matches {
                            m.push_str(&format!(" with a payload matching {p}"));
                        }
                        missed(m, *times, w.unwrap_or(within), &seen)
                    })
            }
            Step::ExpectText {
                selector,
                contains,
                matches,
                widget,
                interaction,
                within: w,
            } => self.expect_text(
                selector,
                contains.as_deref(),
                matches.as_deref(),
                &self.who(widget, interaction)?,
                w.unwrap_or(within),
            ),
            Step::ExpectNoErrors { widget } => {
                let bad: Vec<String> = self
                    .state()
                    .host
                    .rows_after(0)
                    .iter()
                    .filter(|e| {
                        (e.kind == Kind::Widget && e.level == Level::Error)
                            || (e.kind == Kind::Call && e.code.is_some())
                    })
                    .filter(|e| {
                        widget
                            .as_deref()
                            .is_none_or(|w| self.owner_of(e).is_some_and(|o| o.widget == w))
                    })
                    .take(5)
                    .map(|e| format!("{}: {}", self.named(e), e.summary))
                    .collect();
                if bad.is_empty() {
                    Ok(())
                } else {
                    Err(format!("errors: {}", bad.join("; ")))
                }
            }
            other => Err(format!("`{}` is not an expectation", other.tag())),
        }
    }

    /// Whose a log row's instance is (also after its card ended).
    fn owner_of(&self, e: &Entry) -> Option<Owner> {
        self.state().session.owner(e.instance.as_deref()?)
    }

    /// A log row's widget for a message: "`chat-greeter`", "`chat-greeter` of int-2",
    /// `page` for rows of no instance.
    fn named(&self, e: &Entry) -> String {
        match self.owner_of(e) {
            Some(Owner {
                widget,
                interaction: Some(i),
            }) => format!("`{widget}` of {i}"),
            Some(o) => format!("`{}`", o.widget),
            None => format!("`{}`", e.instance.as_deref().unwrap_or("page")),
        }
    }

    /// Rows since the mark that an expectation looks at.
    fn rows(&self, sought: &Sought) -> Vec<Entry> {
        let who = sought.who;
        let all = who.widget.is_none() && who.card.is_none();
        self.state()
            .host
            .rows_after(self.mark)
            .into_iter()
            .filter(|e| e.kind == sought.kind && e.name.as_deref() == Some(sought.name))
            .filter(|e| all || self.owner_of(e).is_some_and(|o| who.owns(&o)))
            .collect()
    }

    /// Watches `for_ms` for a row that should not come: the first that did.
    fn first_within(
        &self,
        for_ms: u64,
        sought: &Sought,
        counts: impl Fn(&Entry) -> bool,
    ) -> Option<Entry> {
        let until = Instant::now() + Duration::from_millis(for_ms);
        loop {
            if let Some(e) = self.rows(sought).into_iter().find(&counts) {
                return Some(e);
            }
            if Instant::now() >= until {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for a row (for `times` of them, exactly, when given); on timeout the error lists
    /// the near misses (same name).
    fn wait_for_row(
        &self,
        within: u64,
        sought: &Sought,
        times: Option<usize>,
        wanted: impl Fn(&Entry) -> bool,
    ) -> Result<(), String> {
        let until = Instant::now() + Duration::from_millis(within);
        loop {
            let rows = self.rows(sought);
            let seen = rows.iter().filter(|e| wanted(e)).count();
            match times {
                None if seen > 0 => return Ok(()),
                Some(n) if seen == n => return Ok(()),
                Some(n) if seen > n => return Err(format!("; it happened {}", times_said(seen))),
                _ => {}
            }
            if Instant::now() >= until {
                let near: Vec<String> = rows
                    .iter()
                    .take(3)
                    .map(|e| {
                        let what = shown(&sought.project(sought.got(e)));
                        let code = e
                            .code
                            .as_deref()
                            .map(|c| format!(" refused {c}"))
                            .unwrap_or_default();
                        format!("{} {what}{code}", self.named(e))
                    })
                    .collect();
                let mut why = if near.is_empty() {
                    String::new()
                } else {
                    format!("; seen instead: {}", near.join(", "))
                };
                if times.is_some() {
                    why.push_str(&format!("; it happened {}", times_said(seen)));
                }
                return Err(why);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn expect_text(
        &self,
        selector: &str,
        contains: Option<&str>,
        matches: Option<&str>,
        who: &Who,
        within: u64,
    ) -> Result<(), String> {
        let sel = serde_json::to_string(selector).unwrap_or_default();
        let test = match (contains, matches) {
            (Some(c), _) => format!(
                "t.includes({})",
                serde_json::to_string(c).unwrap_or_default()
            ),
            (None, Some(r)) => format!(
                "new RegExp({}).test(t)",
                serde_json::to_string(r).unwrap_or_default()
            ),
            (None, None) => "true".into(),
        };
        let until = Instant::now() + Duration::from_millis(within);
        loop {
            let mut texts: Vec<String> = Vec::new();
            for id in self.instances(who)? {
                let idj = json!(id.as_str());
                let js = format!("(() => {{ {ELEMENT_OF} {DEEP_QUERY} const root = elementOf({idj}); if (!root) return []; return deepFindAll(root, {sel}).map((e) => {{ const t = deepText(e).replace(/\\s+/g, ' ').trim(); return [{test}, t]; }}); }})()");
                let found = eval(self.app, &self.page(&id), &js)?;
                for pair in found.as_array().into_iter().flatten() {
                    if pair[0] == Value::Bool(true) {
                        return Ok(());
                    }
                    texts.push(
                        pair[1]
                            .as_str()
                            .unwrap_or_default()
                            .chars()
                            .take(120)
                            .collect(),
                    );
                }
            }
            if Instant::now() >= until {
                let want = contains.map_or_else(
                    || format!("matching /{}/", matches.unwrap_or_default()),
                    |c| format!("containing {}", json!(c)),
                );
                let seen = if texts.is_empty() {
                    "no element matches the selector (open shadow roots searched)".into()
                } else {
                    format!(
                        "its text is {}",
                        texts
                            .iter()
                            .take(3)
                            .map(|t| json!(t).to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                return Err(format!("no `{selector}` {want} within {within} ms: {seen}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A missed expectation's message: what was wanted (`m`), then the count asked, the wait and
/// what was seen instead.
fn missed(mut m: String, times: Option<usize>, within: u64, seen: &str) -> String {
    if let Some(n) = times {
        m.push_str(&format!(" exactly {}", times_said(n)));
    }
    m.push_str(&format!(" within {within} ms"));
    m + seen
}

/// "once", "twice", "3 times", "0 times".
fn times_said(n: usize) -> String {
    match n {
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

/// JSON for a message, cut to a line's worth.
fn shown(v: &Value) -> String {
    const MAX: usize = 200;
    let text = v.to_string();
    if text.chars().count() <= MAX {
        text
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// `elementOf(instance)`: the widget element of an instance, on the shared page (in its frame)
/// or on its own page.
const ELEMENT_OF: &str = "const elementOf = (id) => { const f = document.querySelector(`.wh-frame[data-instance=\"${CSS.escape(id)}\"] .wh-slot`); if (f) return f.firstElementChild; if (document.querySelector('.wh-frame')) return null; return (document.getElementById('widget-root') || document.body).firstElementChild; };";

/// `deepFindAll(root, selector)`, `deepText(node)`: what the page runtime uses to name what
/// Record saw clicked, so a recorded selector finds the same element here.
const DEEP_QUERY: &str = include_str!("../../../ui/shared/deep-query.js");
