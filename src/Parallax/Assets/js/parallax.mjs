// Progressive enhancement only: every page works without this script.
import { initAll } from '/govuk/govuk-frontend.min.js'
import { initAutosave } from '/js/autosave.mjs'

initAll()
document.querySelectorAll('form[data-parallax-autosave]').forEach(initAutosave)
document.querySelectorAll('[data-parallax-print]').forEach(button => {
  button.hidden = false
  button.addEventListener('click', () => window.print())
})
