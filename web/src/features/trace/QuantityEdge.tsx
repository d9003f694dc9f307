import { BaseEdge, type Edge, type EdgeProps, type EdgeTypes } from '@xyflow/react';

export type QuantityFlowEdge = Edge<{ at: number }, 'quantity'>;

/**
 * A left-to-right curve whose quantity label sits at `at` (0 = source, 1 = target) along it:
 * where one lot feeds dozens of customers the labels spread out near each customer instead of
 * piling up at the midpoints of the fan.
 */
function QuantityEdge({ id, sourceX, sourceY, targetX, targetY, data, label, labelStyle, labelBgStyle, labelBgPadding, labelBgBorderRadius, style }: EdgeProps<QuantityFlowEdge>) {
  const middle = (sourceX + targetX) / 2;
  const path = `M${sourceX},${sourceY} C${middle},${sourceY} ${middle},${targetY} ${targetX},${targetY}`;
  const t = data?.at ?? 0.5;
  const u = 1 - t;
  // The cubic Bézier above at t; its control points share the middle x.
  const labelX = u * u * u * sourceX + 3 * u * t * middle + t * t * t * targetX;
  const labelY = (u * u * u + 3 * u * u * t) * sourceY + (3 * u * t * t + t * t * t) * targetY;
  return (
    <BaseEdge
      id={id}
      path={path}
      style={style}
      label={label}
      labelX={labelX}
      labelY={labelY}
      labelStyle={labelStyle}
      labelBgStyle={labelBgStyle}
      labelBgPadding={labelBgPadding}
      labelBgBorderRadius={labelBgBorderRadius}
    />
  );
}

export const EDGE_TYPES: EdgeTypes = { quantity: QuantityEdge };
