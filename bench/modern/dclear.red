;redcode-94nop
;name Two Coats
;author drq bench (hand-written)
;strategy A core clear: one pass of SPL stuns over every cell but its own, then DAT passes
;strategy fed by SPL, sparing its own eight cells by the pointer value its bomb carries.
;assert CORESIZE == 8000
cptr    dat.f   #0, #8
pass1   mov.i   cspl, >cptr
        djn.b   pass1, #7991
pass2   spl.b   #0, 0
cl      mov.i   cdat, >cptr
        djn.f   cl, >cptr
cspl    spl.b   #0, #8
cdat    dat.f   #0, #8
        end     pass1
