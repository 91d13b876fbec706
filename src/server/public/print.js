// The print page's button: the CSP allows no inline script, so the click is wired here.
// Without JavaScript the button stays hidden and the page tells the user to press Ctrl+P.
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
