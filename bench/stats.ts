// Summary statistics over latency samples (milliseconds).

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
  };
}

export function median(samples: number[]): number {
  return summarize(samples).p50;
}

/** Rounds for display and for results.json: 3 significant decimals is more than timers give. */
export function ms(x: number): number {
  return Math.round(x * 1000) / 1000;
}
