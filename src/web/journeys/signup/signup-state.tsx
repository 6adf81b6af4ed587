import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

/** What step 1 hands to step 2: the signed ticket proving consent and the passed security check. */
interface SignupState {
  ticket?: string;
  subjectType?: string;
  setStart: (start: { ticket: string; subjectType: string }) => void;
  clear: () => void;
}

const SignupContext = createContext<SignupState>({ setStart: () => {}, clear: () => {} });

export function SignupProvider({ children }: { children: ReactNode }) {
  const [start, setStartState] = useState<{ ticket: string; subjectType: string }>();
  const clear = useCallback(() => setStartState(undefined), []);
  return (
    <SignupContext.Provider value={{ ...start, setStart: setStartState, clear }}>
      {children}
    </SignupContext.Provider>
  );
}

export const useSignup = () => useContext(SignupContext);
