/** A detection score as a percentage, coloured by how sure it is. */
export function ScoreBadge({ risk }: { risk: number }) {
  const tone = risk >= 0.8 ? 'high' : risk >= 0.5 ? 'mid' : 'low';
  return (
    <span className={`score score-${tone}`} title={`detection score ${risk.toFixed(2)}`} data-testid="score">
      {Math.round(risk * 100)}
    </span>
  );
}
