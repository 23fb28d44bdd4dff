package ase.servlet;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;

/** Shared plumbing for the interface implementations built on java.lang.reflect.Proxy. */
abstract class Handlers implements InvocationHandler {

    /** Implements {@code type} with this handler; unknown methods answer a neutral default. */
    <T> T as(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this));
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object[] a = args == null ? new Object[0] : args;
        switch (method.getName()) {
            case "equals":
                if (a.length == 1) {
                    return proxy == a[0];
                }
                break;
            case "hashCode":
                if (a.length == 0) {
                    return System.identityHashCode(proxy);
                }
                break;
            case "toString":
                if (a.length == 0) {
                    return getClass().getSimpleName();
                }
                break;
            default:
                break;
        }
        Object result = call(method.getName(), a, method);
        if (result == UNHANDLED) {
            return neutral(method);
        }
        return result;
    }

    static final Object UNHANDLED = new Object();

    /** The implementation: return UNHANDLED for a method that has no meaning here. */
    abstract Object call(String name, Object[] a, Method method) throws Throwable;

    static Object neutral(Method method) {
        Class<?> type = method.getReturnType();
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class) {
            return type == long.class ? (Object) 0L : type == int.class ? (Object) 0 : type == short.class ? (Object) (short) 0 : (Object) (byte) 0;
        }
        if (type == double.class || type == float.class) {
            return type == double.class ? (Object) 0.0 : (Object) 0.0f;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == Enumeration.class) {
            return Collections.emptyEnumeration();
        }
        return null;
    }
}
