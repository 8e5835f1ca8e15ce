"""Pure service rules: warranty, pricing, SLA timers and maintenance schedules."""
