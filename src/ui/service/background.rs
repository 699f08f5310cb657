//! Long work on a thread of its own that tells how far it is (an import, "Run rules now"): the
//! thread sends its progress and then its result through a channel, which the window reads as a
//! task's stream of messages. The window keeps working meanwhile.

use iced::Task;
use iced::futures::channel::mpsc;

/// What the work tells: how far it is, then what came of it.
#[derive(Debug, Clone)]
pub enum Step<P, T> {
    Progress(P),
    Done(T),
}

/// Runs `work` on a thread named `name`; `work` reports progress through the function it is
/// given. The task yields each [`Step`]; it fails only when no thread could be started.
pub fn spawn<P, T>(
    name: &str,
    work: impl FnOnce(&mut dyn FnMut(P)) -> T + Send + 'static,
) -> std::io::Result<Task<Step<P, T>>>
where
    P: Send + 'static,
    T: Send + 'static,
{
    let (tx, rx) = mpsc::unbounded();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let done = work(&mut |p| {
                let _ = tx.unbounded_send(Step::Progress(p));
            });
            let _ = tx.unbounded_send(Step::Done(done));
        })?;
    Ok(Task::run(rx, |step| step))
}
