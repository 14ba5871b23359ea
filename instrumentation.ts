export async function register() {
  // Validate the environment when the server boots, not at the first request, so
  // a misconfigured deployment refuses to start and says which variable is wrong.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('@/lib/env')
  }
}
