import { zodResolver } from '@hookform/resolvers/zod';
import { loginSchema, statusCheckSchema } from '../../../shared/schemas/accounts';

// The home page's validation in its own chunk: the page shows and takes input before it arrives.
export const loginResolver = zodResolver(loginSchema);
export const statusCheckResolver = zodResolver(statusCheckSchema);
