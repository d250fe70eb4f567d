// French text of the collection round, the « Aujourd’hui » board and reception at the counter.
export const rounds = {
  'rounds.today.title': 'Aujourd’hui',
  'rounds.today.home_hint': 'La tournée de collecte, ce qui est arrivé au comptoir, qui vient et ce qui est en retard.',
} as const;
