// Autosave for long forms, and a warning before the session ends. Progressive enhancement: without
// JavaScript the form saves with its buttons. Nothing typed is lost if the session ends: the answers
// are kept in this browser and offered back when the form is opened again.
const IDLE_WARNING_MS = 5 * 60 * 1000
const SAVE_EVERY_MS = 30 * 1000

export function initAutosave (form) {
  const url = form.dataset.parallaxAutosave
  const key = form.dataset.parallaxDraftKey
  const serverSavedAt = Number(form.dataset.parallaxSavedAt || 0)
  const sessionMs = Number(form.dataset.parallaxSessionMinutes || 30) * 60 * 1000
  const status = document.getElementById('autosave-status')
  const banner = document.getElementById('autosave-warning')
  const message = document.getElementById('autosave-message')
  const action = document.getElementById('autosave-action')
  let dirty = false
  let lastContact = Date.now()
  let ended = false

  const fields = () => Array.from(form.elements).filter(e => e.name && !e.name.startsWith('__') && e.name !== 'Expected')

  const snapshot = () => fields().map(e => [e.name, e.type === 'checkbox' || e.type === 'radio' ? (e.checked ? e.value : null) : e.value])

  const keepLocally = () => {
    try { window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: snapshot() })) } catch { /* storage full or disabled */ }
  }

  const show = (text, buttonText, onClick) => {
    message.textContent = text
    action.hidden = !buttonText
    if (buttonText) {
      action.textContent = buttonText
      action.onclick = onClick
    }
    banner.hidden = false
  }

  const save = async () => {
    if (!dirty || ended) return
    const body = new FormData(form)
    try {
      const response = await fetch(url, { method: 'POST', body, headers: { 'X-Requested-With': 'parallax' }, credentials: 'same-origin' })
      if (response.status === 401) return sessionEnded()
      const result = await response.json()
      if (response.status === 400) {
        // Text over its stated limit: kept here, and the sentence says which field to shorten.
        keepLocally()
        status.textContent = result.message
        return
      }
      if (response.status === 409) {
        keepLocally()
        show(result.message, null)
        ended = true
        return
      }
      form.querySelector('input[name="Expected"]').value = result.version
      dirty = false
      lastContact = Date.now()
      window.localStorage.removeItem(key)
      status.textContent = `Draft saved at ${result.savedAt}`
    } catch {
      keepLocally()
      status.textContent = 'Could not save just now: your answers are kept in this browser and saving will be tried again.'
    }
  }

  const sessionEnded = () => {
    ended = true
    keepLocally()
    show('You have been signed out because nothing was saved for a while. Your answers are kept in this browser: sign in again and open this return to get them back.', 'Sign in again', () => { window.location.href = '/sign-in?ReturnUrl=' + encodeURIComponent(window.location.pathname) })
  }

  const restore = (saved) => {
    for (const [name, value] of saved.values) {
      for (const element of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
        if (element.type === 'checkbox' || element.type === 'radio') element.checked = value !== null && element.value === value
        else if (value !== null) element.value = value
      }
    }
    dirty = true
    banner.hidden = true
    status.textContent = 'Your answers are back in the form. They will be saved in a moment.'
    save()
  }

  // Answers typed before a session ended, newer than what the server has, are offered back.
  try {
    const kept = JSON.parse(window.localStorage.getItem(key) || 'null')
    if (kept && kept.at > serverSavedAt) show('You typed answers that were not saved before your session ended.', 'Put them back in the form', () => restore(kept))
  } catch { /* nothing kept */ }

  form.addEventListener('input', () => { dirty = true })
  form.addEventListener('change', () => { dirty = true })
  form.addEventListener('submit', () => window.localStorage.removeItem(key))
  window.setInterval(save, SAVE_EVERY_MS)
  window.setInterval(() => {
    if (ended) return
    const left = sessionMs - (Date.now() - lastContact)
    if (left <= 0) return sessionEnded()
    if (left <= IDLE_WARNING_MS && banner.hidden) {
      show(`You will be signed out in ${Math.ceil(left / 60000)} minutes if nothing is saved.`, 'Stay signed in', async () => {
        const token = form.querySelector('input[name="__RequestVerificationToken"]').value
        const response = await fetch('/account/keep-alive', { method: 'POST', headers: { 'X-Requested-With': 'parallax', RequestVerificationToken: token }, credentials: 'same-origin' })
        if (response.status === 401) return sessionEnded()
        lastContact = Date.now()
        banner.hidden = true
        if (dirty) save()
      })
    }
  }, 15 * 1000)
}
