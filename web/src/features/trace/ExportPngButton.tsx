import { Button } from '@mantine/core';
import { IconPhotoDown } from '@tabler/icons-react';
import { getNodesBounds, getViewportForBounds, useNodes, useReactFlow, type Node } from '@xyflow/react';
import { toPng } from 'html-to-image';
import { useState, type RefObject } from 'react';
import { saveAs } from '../../api/client';
import { notifyError, notifySuccess } from '../../ui/notify';

// Browsers refuse canvases much past this on a side; a hub lot's graph is scaled down to fit.
const MAX_SIDE = 8000;
const PADDING = 40;

/** A file name safe on every system: lot codes may hold "/" and other reserved characters. */
function tracePngName(sku: string, lot: string): string {
  return `trace-${sku}-${lot}.png`.replace(/[^\w.-]+/g, '_');
}

/**
 * Renders the whole graph (not just what is on screen) to a PNG and downloads it, as in
 * React Flow's "download image" example: fit the nodes' bounds into an image-sized viewport.
 */
async function downloadGraphPng(nodes: Node[], viewport: HTMLElement, fileName: string): Promise<void> {
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(1.5, MAX_SIDE / (bounds.width + 2 * PADDING), MAX_SIDE / (bounds.height + 2 * PADDING));
  const width = Math.round((bounds.width + 2 * PADDING) * scale);
  const height = Math.round((bounds.height + 2 * PADDING) * scale);
  const fit = getViewportForBounds(bounds, width, height, scale / 2, scale, `${PADDING}px`);
  const dataUrl = await toPng(viewport, {
    backgroundColor: '#ffffff',
    width,
    height,
    pixelRatio: 1,
    // The app uses system fonts only: nothing to embed, and skipping it saves seconds on big graphs.
    skipFonts: true,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${fit.x}px, ${fit.y}px) scale(${fit.zoom})` },
  });
  saveAs(dataUrl, fileName);
}

/** Downloads the graph inside `canvas` as trace-<sku>-<lot>.png; inside the graph's ReactFlowProvider. */
export function ExportPngButton({ canvas, sku, lot }: { canvas: RefObject<HTMLDivElement | null>; sku: string; lot: string }) {
  const flow = useReactFlow();
  // Nothing to draw until the layout has placed the nodes.
  const ready = useNodes().length > 0;
  const [pending, setPending] = useState(false);
  const run = async () => {
    const viewport = canvas.current?.querySelector<HTMLElement>('.react-flow__viewport');
    if (!viewport) return;
    const fileName = tracePngName(sku, lot);
    setPending(true);
    try {
      await downloadGraphPng(flow.getNodes(), viewport, fileName);
      notifySuccess(`Saved ${fileName}`);
    } catch (error) {
      notifyError(error, 'The image could not be made');
    } finally {
      setPending(false);
    }
  };
  return (
    <Button variant="default" size="xs" leftSection={<IconPhotoDown size={16} />} onClick={() => void run()} loading={pending} disabled={!ready}>
      Export PNG
    </Button>
  );
}
