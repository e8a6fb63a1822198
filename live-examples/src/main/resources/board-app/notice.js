// The message line under the top bar: refused writes and other errors, as the server's code and
// message, until the next one or until dismissed.

const element = () => document.querySelector('[data-testid="error-message"]');
let hideTimer = null;

/** Shows `error` (a LiveError, or anything with a message) for a while. */
export function showError(error) {
  const text = error?.code ? `${error.code}: ${error.message}` : String(error?.message ?? error);
  const line = element();
  line.textContent = text;
  line.dataset.code = error?.code ?? "";
  line.hidden = false;
  clearTimeout(hideTimer);
  hideTimer = setTimeout(clearError, 8000);
  console.warn("Team board:", text);
}

export function clearError() {
  const line = element();
  line.hidden = true;
  line.textContent = "";
  line.dataset.code = "";
}

/** `promise`, with its failure shown; resolves to undefined then. */
export function reported(promise) {
  return promise.catch((error) => {
    showError(error);
    return undefined;
  });
}
