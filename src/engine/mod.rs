//! The engine: the immutable rule library, what-if scenarios layered over it,
//! roll-ups, and evaluation of records against the sets in force.

pub mod eval;
pub mod library;
pub mod rollup;
pub mod scenario;
