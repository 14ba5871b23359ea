/**
 * Runs before first paint (inline in <head>) so a reader who chose a theme
 * never sees a flash of the other one. Kept tiny: its hash goes into the CSP.
 */
export const THEME_STORAGE_KEY = 'theme'

export const themeBootScript = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}`
