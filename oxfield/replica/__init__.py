"""The vault's side of sync: what must run inside vault transactions.

``tables`` holds the bookkeeping (outbox, shadow copies, conflicts, rejections, parked records,
pending purges, file transfers); ``documents`` turns each synced model into the wire's document
form and back; ``outbox`` records every local change in the same transaction as the change;
``store`` reads and writes the bookkeeping; ``state`` says what each record's sync state is;
``officers`` keeps the names of the officers conflicts mention, and ``credit`` words who typed
each side of a conflict.
The merge itself lives in ``sync`` (the core never imports it): the device engine calls these
functions inside one vault write session per step.
"""

from oxfield.replica import outbox as outbox

__all__ = ["outbox"]
