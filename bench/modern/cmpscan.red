;redcode-94nop
;name Side by Side
;author drq bench (hand-written)
;strategy A linear CMP scanner: compares cells 8 apart, 16 cells a loop, and stuns both with
;strategy SPL where they differ; after one sweep of the core, an SPL-fed DAT clear kills the stunned.
;assert CORESIZE == 8000
gap     equ     8
inc     dat.f   #2*gap, #2*gap
loop    add.f   inc, probe
probe   seq.i   40, 40+gap
        jmp.b   hit, 0
        djn.b   loop, #494
        jmp.b   clear, 0
hit     mov.i   stun, *probe
        mov.i   stun, @probe
        jmp.b   loop, 0
stun    spl.b   #0, 0
cptr    dat.f   #0, #5
clear   spl.b   #0, 0
cl      mov.i   kill, >cptr
        djn.f   cl, >cptr
kill    dat.f   #0, #5
        end     loop
