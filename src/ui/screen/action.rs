//! What a form, page or screen asks of its parent after `update`: one shape for all of them
//! (icebreaker's), so a parent handles every child the same way. `O` is the child's own list of
//! named outcomes; a child without any uses [`Nothing`].

use iced::Task;

/// The answer of `update(&mut self, Message) -> Action<Message, Outcome>`.
#[derive(Debug)]
#[must_use]
pub enum Action<M, O = Nothing> {
    /// Nothing more to do.
    None,
    /// Run this work; its messages come back to the child.
    Run(Task<M>),
    /// Something the parent has to handle.
    Outcome(O),
}

/// The outcomes of a child that has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nothing {}

impl<M, O> Action<M, O> {
    /// Work to run, or nothing when there is none.
    pub fn run(task: Task<M>) -> Self {
        match task.units() {
            0 => Action::None,
            _ => Action::Run(task),
        }
    }

    /// The same action for a parent whose message wraps the child's with `wrap`.
    pub fn map<N>(self, wrap: impl Fn(M) -> N + Send + 'static) -> Action<N, O>
    where
        M: Send + 'static,
        N: Send + 'static,
    {
        match self {
            Action::None => Action::None,
            Action::Run(task) => Action::Run(task.map(wrap)),
            Action::Outcome(o) => Action::Outcome(o),
        }
    }

    /// The same action with the outcome turned into the parent's by `f`.
    pub fn map_outcome<P>(self, f: impl FnOnce(O) -> P) -> Action<M, P> {
        match self {
            Action::None => Action::None,
            Action::Run(task) => Action::Run(task),
            Action::Outcome(o) => Action::Outcome(f(o)),
        }
    }
}

impl<M> Action<M, Nothing> {
    /// The work to run (a child without outcomes asks for nothing else).
    pub fn task(self) -> Task<M> {
        match self {
            Action::None => Task::none(),
            Action::Run(task) => task,
            Action::Outcome(never) => match never {},
        }
    }
}

impl Nothing {
    /// Any type at all: there is no `Nothing` to turn into it.
    pub fn never<T>(self) -> T {
        match self {}
    }
}
