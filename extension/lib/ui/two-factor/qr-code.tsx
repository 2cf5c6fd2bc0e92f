import { encode } from 'uqr';

/**
 * A QR code drawn here, as SVG, from the text alone: the secret in it never leaves the browser for
 * a QR service. Dark modules on a white ground with a quiet zone, whatever the colour scheme, so
 * phone cameras read it.
 */
export function QrCode({ text, label, size = 184 }: { text: string; label: string; size?: number }) {
  const { data } = encode(text, { ecc: 'M', border: 4 });
  const modules = data.length;
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shape-rendering="crispEdges"
    >
      <rect width={modules} height={modules} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
