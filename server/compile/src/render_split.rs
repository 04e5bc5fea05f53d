//! Rendering a large plan on two threads, to the same template as on one.
//!
//! Most steps of a large service (a function's Lambda, log group and version, a websocket
//! route with its integration and permission, an http method with its resource, CORS and
//! permission) only add to the template: they never read it. Those steps are rendered first,
//! half on each thread, into templates that record the changes instead of making them; then
//! every step is replayed in the plan's order, the recorded changes made and the other steps
//! rendered as usual. The config nodes converted count against one budget as on one thread:
//! when the budget could have run out (an alias bomb), `None` — the caller renders on one
//! thread, so the template never depends on the threads.

use crate::events;
use crate::frozen::Form;
use crate::functions;
use crate::plan::{Part, Plan};
use crate::render::{budget, Change, Render, Template};

/// Plans with fewer detached steps render on one thread (a thread costs more than it saves).
const WORTH_TWO_THREADS: usize = 2_000;

/// The detached steps of `plan` rendered on two threads (their resources frozen to `freeze`
/// when set); `None` when it is not worth it (unless `always`) or the budget of converted
/// nodes could have run out.
pub(crate) fn record_detached(
    plan: &Plan<'_>,
    always: bool,
    freeze: Option<Form>,
) -> Option<Detached> {
    let detached: Vec<usize> = (0..plan.steps.len())
        .filter(|&i| renders_detached(&plan.steps[i].part))
        .collect();
    if detached.len() < 2 || (!always && detached.len() < WORTH_TWO_THREADS) {
        return None;
    }
    let budget = budget(plan);
    let (first, second) = detached.split_at(detached.len() / 2);
    let (first, second) = crate::parallel::both(
        true,
        || record(plan, first, budget, freeze),
        || record(plan, second, budget, freeze),
    );
    let used = (budget - first.budget_left) + (budget - second.budget_left);
    if first.budget_left == 0 || second.budget_left == 0 || used >= budget {
        return None;
    }
    Some(Detached {
        halves: [first, second],
        budget_left: budget - used,
    })
}

/// The detached steps' changes, from both threads.
pub(crate) struct Detached {
    halves: [Recorded; 2],
    budget_left: usize,
}

/// The rendering of `plan`: every step in order, the detached ones by making their recorded
/// changes; `None` when the budget of converted nodes ran out.
pub(crate) fn replay<'p, 'a>(plan: &'p Plan<'a>, detached: Detached) -> Option<Render<'p, 'a>> {
    let Detached {
        halves: [first, second],
        budget_left,
    } = detached;
    let mut rx = Render::new(plan, Template::sized_for(plan), budget_left);
    let mut recorded = first.steps.into_iter().chain(second.steps).peekable();
    let mut changes = first.changes.into_iter().chain(second.changes);
    for (i, step) in plan.steps.iter().enumerate() {
        match recorded.next_if(|(index, _)| *index == i) {
            Some((_, count)) => {
                for change in changes.by_ref().take(count) {
                    rx.template.apply(change, &mut rx.done);
                }
            }
            None => rx.step(&step.part),
        }
    }
    (rx.budget_left() > 0).then_some(rx)
}

/// The changes of some detached steps, in order.
struct Recorded {
    /// Each step's index in the plan and how many changes it made.
    steps: Vec<(usize, usize)>,
    changes: Vec<Change>,
    budget_left: usize,
}

fn record(plan: &Plan<'_>, steps: &[usize], budget: usize, freeze: Option<Form>) -> Recorded {
    let mut rx = Render::new(plan, Template::recording(freeze), budget);
    let mut counted = Vec::with_capacity(steps.len());
    for &i in steps {
        let before = rx.template.recorded_len();
        rx.step(&plan.steps[i].part);
        counted.push((i, rx.template.recorded_len() - before));
    }
    Recorded {
        steps: counted,
        changes: rx.template.take_recorded(),
        budget_left: rx.budget_left(),
    }
}

/// Whether a step only adds to the template (never reads it, nor what earlier steps noted).
fn renders_detached(part: &Part) -> bool {
    match part {
        Part::LogGroup(_) => true,
        Part::Function(part) => matches!(
            part,
            functions::Part::Lambda(_)
                | functions::Part::Version(_)
                | functions::Part::VersionOutput(_)
        ),
        Part::Event(events::Part::Websocket(part)) => {
            use events::websocket::Part as Ws;
            matches!(
                part,
                Ws::Integration(_)
                    | Ws::RouteResponse(_)
                    | Ws::Authorizer(_)
                    | Ws::Permission(_)
                    | Ws::AuthorizerPermission(_)
                    | Ws::Route(_)
            )
        }
        Part::Event(events::Part::Http(part)) => {
            use events::http::Part as Http;
            matches!(
                part,
                Http::Resource(_)
                    | Http::Cors(_)
                    | Http::Method(_)
                    | Http::Permission(_)
                    | Http::AuthorizerPermission(_)
            )
        }
        _ => false,
    }
}
