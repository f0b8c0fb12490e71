// "Copy link" under an article (components/share_links.html): shown only where the Clipboard
// API exists; says "Link copied" in the page's language once the address is on the clipboard.
for (const button of document.querySelectorAll("[data-copy-link]")) {
  if (navigator.clipboard) {
    const item = button.closest("li");
    const status = item.querySelector("[role=status]");
    item.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(button.dataset.copyLink).then(() => {
        status.textContent = button.dataset.copied;
      });
    });
  }
}
