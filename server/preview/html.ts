/** The two documents of the preview: the frame around the phone (`/`) and the phone itself (an iframe). */

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function frameHtml(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>救急难互助社 · 开发预览</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/preview/frame.css">
</head>
<body>
<script src="/preview/frame.js"></script>
</body>
</html>
`;
}

/** `version` keys the long-cached scripts (TDesign, simulate, icons) to the installed packages. */
export function phoneHtml(version: string): string {
  const v = escapeAttribute(encodeURIComponent(version));
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=375, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/preview/phone.css">
<link rel="stylesheet" href="/preview/icons.css?v=${v}">
<script src="/preview/phone.js"></script>
<script src="/preview/simulate.js?v=${v}"></script>
<script src="/preview/tdesign.js?v=${v}"></script>
<script src="/preview/app.js"></script>
</head>
<body>
<script>window.__jjPreview.boot();</script>
</body>
</html>
`;
}
